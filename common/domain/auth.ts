import { z } from 'zod';
import { CitizenId } from './citizen-id';

/** Passwords are carried, never stored or logged; bounded so nobody can post megabytes. */
export const Password = z
  .string({ required_error: 'password.empty', invalid_type_error: 'password.empty' })
  .min(1, 'password.empty')
  .max(128, 'password.tooLong');

export const OtpCode = z
  .string({ required_error: 'otp.empty', invalid_type_error: 'otp.empty' })
  .transform((s) => s.replace(/\s/g, ''))
  .pipe(z.string().min(1, 'otp.empty').regex(/^\d{6}$/, 'otp.format'));

export const LoginForm = z.object({ citizenId: CitizenId, password: Password });
export type LoginForm = z.input<typeof LoginForm>;

export const OtpForm = z.object({ otp: OtpCode });

/** What the citizen sees about a pending OTP: never the code itself. */
export const OtpChallenge = z.object({
  challengeId: z.string().min(8).max(128),
  maskedPhone: z.string().max(32),
  expiresInSeconds: z.number().int().nonnegative(),
  resendInSeconds: z.number().int().nonnegative(),
  attemptsLeft: z.number().int().nonnegative(),
});
export type OtpChallenge = z.infer<typeof OtpChallenge>;

export const Gender = z.enum(['male', 'female']);

export const CitizenProfile = z.object({
  citizenId: z.string().regex(/^\d{9}$|^\d{12}$/),
  fullName: z.string().min(1).max(200),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  gender: Gender,
  phone: z.string().regex(/^0\d{9}$/),
  email: z.string().email().max(254).nullable(),
  address: z
    .object({
      provinceCode: z.string().max(8),
      communeCode: z.string().max(8),
      detail: z.string().max(300),
    })
    .nullable(),
});
export type CitizenProfile = z.infer<typeof CitizenProfile>;
