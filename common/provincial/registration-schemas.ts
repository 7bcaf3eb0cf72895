import { z } from 'zod';
import { Gender } from '../domain/auth';

/**
 * Wire schemas of the provincial API's registration, password-reset, complaint and catalog
 * endpoints (simulator/openapi.yaml describes the same shapes). Requests carry values the kiosk
 * already normalised with common/domain/registration.ts; the simulator re-parses them with those
 * same form schemas and enforces every rule again.
 */
export const RegistrationRequest = z.object({
  fullName: z.string().min(1).max(100),
  citizenId: z.string().regex(/^\d{9}$|^\d{12}$/),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  gender: Gender,
  phone: z.string().regex(/^0\d{9}$/),
  email: z.string().email().max(254).nullable(),
  provinceCode: z.string().regex(/^\d{2}$/),
  communeCode: z.string().regex(/^\d{5}$/),
  addressDetail: z.string().max(200),
});
export type RegistrationRequest = z.infer<typeof RegistrationRequest>;

export const PasswordResetRequest = z.object({
  citizenId: z.string().regex(/^\d{9}$|^\d{12}$/),
  phone: z.string().regex(/^0\d{9}$/),
});
export type PasswordResetRequest = z.infer<typeof PasswordResetRequest>;

/** The OTP was right: this token (single use, short-lived) lets the caller set the password. */
export const VerificationResponse = z.object({
  verificationToken: z.string().min(16).max(512),
  expiresInSeconds: z.number().int().positive(),
});
export type VerificationResponse = z.infer<typeof VerificationResponse>;

export const SetPasswordRequest = z.object({
  verificationToken: z.string().min(16).max(512),
  password: z.string().min(1).max(128),
});
export type SetPasswordRequest = z.infer<typeof SetPasswordRequest>;

export const RegistrationCompleted = z.object({ citizenId: z.string().regex(/^\d{9}$|^\d{12}$/) });

export const ComplaintRequest = z.object({
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  citizenId: z.string().regex(/^\d{9}$|^\d{12}$/),
  fullName: z.string().min(1).max(100),
  phone: z.string().regex(/^0\d{9}$/),
  description: z.string().min(10).max(1000),
});
export type ComplaintRequest = z.infer<typeof ComplaintRequest>;

export const ComplaintReceipt = z.object({
  complaintId: z.string().min(1).max(64),
  receivedAt: z.string().datetime(),
});
export type ComplaintReceipt = z.infer<typeof ComplaintReceipt>;

/** Simulator-only: the ledger of complaints it accepted (GET /__sim/complaints). */
export const SimComplaint = ComplaintRequest.merge(ComplaintReceipt);
export const SimComplaintLedger = z.object({ complaints: z.array(SimComplaint) });
