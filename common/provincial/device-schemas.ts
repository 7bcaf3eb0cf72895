import { z } from 'zod';

/**
 * Wire schemas of kiosk enrolment (openapi.yaml, tag "devices"); the protocol is in
 * request-signing.ts. A kiosk's name is its device id: enrolled again, it stays the same device.
 */
export const KioskName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/, 'letters, digits, dot, dash or underscore, 2–64 characters');

/** A one-time code as IT types it: three groups of four letters/digits (no 0/O/1/I/L). */
export const EnrolmentCode = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/, 'must look like ABCD-EFGH-JKMN'));

export const EnrolmentRequest = z
  .object({
    code: EnrolmentCode,
    kioskId: KioskName,
    /** The kiosk's Ed25519 public key, SPKI DER in base64. */
    publicKey: z.string().min(40).max(200),
  })
  .strict();
export type EnrolmentRequest = z.infer<typeof EnrolmentRequest>;

export const EnrolmentResponse = z.object({ deviceId: KioskName, enrolledAt: z.string().datetime() });
export type EnrolmentResponse = z.infer<typeof EnrolmentResponse>;

/** GET /v1/devices/self: the API's view of the signing kiosk (a revoked one gets 403 instead). */
export const DeviceSelf = z.object({ deviceId: KioskName, status: z.literal('active'), enrolledAt: z.string().datetime() });
export type DeviceSelf = z.infer<typeof DeviceSelf>;

/** Simulator-only: IT's side of enrolment, under /__sim/. */
export const SimDevice = z.object({
  deviceId: z.string(),
  status: z.enum(['active', 'revoked']),
  enrolledAt: z.string().datetime(),
  publicKeyFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
});
export type SimDevice = z.infer<typeof SimDevice>;
export const SimEnrolmentCodeRequest = z
  .object({
    kioskId: KioskName,
    ttlSeconds: z
      .number()
      .int()
      .min(1)
      .max(30 * 86400)
      .default(86400),
  })
  .strict();
export const SimEnrolmentCode = z.object({ code: z.string(), kioskId: z.string(), expiresAt: z.string().datetime() });
export type SimEnrolmentCode = z.infer<typeof SimEnrolmentCode>;
