import { z } from 'zod';
import { defineMethods } from './guard';
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
export const registrationContract = defineMethods({
  'registration.start': { guard: 'public', input: RegistrationForm, output: OtpChallenge },
  'passwordReset.start': { guard: 'public', input: PasswordResetForm.strict(), output: OtpChallenge },
  'verification.resendOtp': { guard: 'public', input: ChallengeRef, output: OtpChallenge },
  'verification.verifyOtp': {
    guard: 'public',
    input: ChallengeRef.extend({ otp: OtpCode }).strict(),
    output: z.object({ purpose: VerificationPurpose }),
  },
  'verification.setPassword': { guard: 'public', input: NewPasswordForm, output: z.object({ purpose: VerificationPurpose }) },
  /** Leaving the flow: forget the pending verification (and with it the form). */
  'verification.cancel': { guard: 'public', input: Empty, output: z.object({}) },
  'complaint.submit': {
    guard: 'public',
    input: ComplaintForm.extend({ idempotencyKey: IdempotencyKey }).strict(),
    output: z.object({ complaintId: z.string(), receivedAt: z.string() }),
  },
});

/** Catalogs from the provincial API, served from the kiosk's cache when offline. */
export const catalogContract = defineMethods({
  'catalog.adminUnits': { guard: 'public', input: Empty, output: z.object({ catalog: AdminUnitsCatalog, offline: z.boolean() }) },
});
