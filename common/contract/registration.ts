import { z } from 'zod';
import { AdminUnitsCatalog } from '../domain/admin-units';
import { OtpChallenge, OtpCode } from '../domain/auth';
import { NewPasswordForm } from '../domain/password-policy';
import { ComplaintForm, IdempotencyKey, PasswordResetForm, RegistrationForm } from '../domain/registration';
import { Empty } from './kiosk';

const ChallengeRef = z.object({ challengeId: z.string().min(8).max(128) }).strict();
export const VerificationPurpose = z.enum(['registration', 'passwordReset']);
export type VerificationPurpose = z.infer<typeof VerificationPurpose>;

/**
 * "Đăng ký" (a citizen account by mobile number), "Quên mật khẩu", and the complaint a citizen
 * files when someone else holds an account under their ID. Both OTP flows share one pending
 * verification in main: start → OTP → new password.
 */
export const registrationContract = {
  'registration.start': { input: RegistrationForm, output: OtpChallenge },
  'passwordReset.start': { input: PasswordResetForm.strict(), output: OtpChallenge },
  'verification.resendOtp': { input: ChallengeRef, output: OtpChallenge },
  'verification.verifyOtp': {
    input: ChallengeRef.extend({ otp: OtpCode }).strict(),
    output: z.object({ purpose: VerificationPurpose }),
  },
  'verification.setPassword': { input: NewPasswordForm, output: z.object({ purpose: VerificationPurpose }) },
  /** Leaving the flow: forget the pending verification (and with it the form). */
  'verification.cancel': { input: Empty, output: z.object({}) },
  'complaint.submit': {
    input: ComplaintForm.extend({ idempotencyKey: IdempotencyKey }).strict(),
    output: z.object({ complaintId: z.string(), receivedAt: z.string() }),
  },
} as const;

/** Catalogs from the provincial API, served from the kiosk's cache when offline. */
export const catalogContract = {
  'catalog.adminUnits': { input: Empty, output: z.object({ catalog: AdminUnitsCatalog, offline: z.boolean() }) },
} as const;
