import { z } from 'zod';
import { CitizenProfile } from '../domain/auth';

/**
 * Wire schemas of the provincial API (openapi.yaml in simulator/ describes the same shapes).
 * The client validates every response with these; the simulator validates every request.
 */
export const ApiErrorCode = z.enum([
  'invalid_request',
  'account_not_found',
  'wrong_password',
  'account_locked',
  'otp_invalid',
  'otp_expired',
  'otp_locked',
  'challenge_not_found',
  'resend_cooldown',
  'rate_limited',
  'unauthorized',
  'internal',
  // Dossier intake and uploads (dossier-schemas.ts).
  'idempotency_conflict',
  'reference_conflict',
  'attachment_missing',
  'attachment_mismatch',
  'device_unauthorized',
  // Kiosk enrolment and request signing (device-schemas.ts, request-signing.ts).
  'device_revoked',
  'clock_skew',
  'enrolment_code_invalid',
  // Registration and password recovery (registration-schemas.ts).
  'account_exists',
  'phone_not_owned',
  'phone_mismatch',
  'weak_password',
  // Status lookup (dossier-status.ts).
  'dossier_not_found',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

export const ApiErrorBody = z.object({
  error: z.object({
    code: ApiErrorCode,
    message: z.string().max(2000),
    attemptsLeft: z.number().int().nonnegative().optional(),
    retryAfterSeconds: z.number().int().nonnegative().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

export const HealthResponse = z.object({ status: z.literal('ok'), time: z.string().datetime() });

export const LoginRequest = z.object({
  username: z.string().regex(/^\d{9}$|^\d{12}$/),
  password: z.string().min(1).max(128),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const ChallengeResponse = z.object({
  challengeId: z.string().min(8).max(128),
  maskedPhone: z.string().max(32),
  expiresInSeconds: z.number().int().nonnegative(),
  resendInSeconds: z.number().int().nonnegative(),
  attemptsLeft: z.number().int().nonnegative(),
});
export type ChallengeResponse = z.infer<typeof ChallengeResponse>;

export const VerifyOtpRequest = z.object({
  challengeId: z.string().min(8).max(128),
  otp: z.string().regex(/^\d{6}$/),
});
export type VerifyOtpRequest = z.infer<typeof VerifyOtpRequest>;

export const ResendOtpRequest = z.object({ challengeId: z.string().min(8).max(128) });

export const SessionResponse = z.object({
  accessToken: z.string().min(16).max(512),
  expiresInSeconds: z.number().int().positive(),
  citizen: CitizenProfile,
});
export type SessionResponse = z.infer<typeof SessionResponse>;

/** Simulator-only: what its SMS gateway sandbox delivered. Never used by the kiosk's real client. */
export const SimSmsMessage = z.object({
  id: z.string(),
  to: z.string(),
  text: z.string(),
  sentAt: z.string().datetime(),
});
export type SimSmsMessage = z.infer<typeof SimSmsMessage>;
export const SimSmsInbox = z.object({ messages: z.array(SimSmsMessage) });
