import { z } from 'zod';
import { defineMethods } from './guard';
import { CitizenProfile, LoginForm, OtpChallenge, OtpCode } from '../domain/auth';
import { Empty } from './kiosk';

const ChallengeRef = z.object({ challengeId: z.string().min(8).max(128) }).strict();

/** Logging in (the guide's "Đăng nhập") and the citizen session that follows. */
export const authContract = defineMethods({
  'auth.startLogin': { guard: 'public', input: LoginForm.strict(), output: OtpChallenge },
  'auth.resendOtp': { guard: 'public', input: ChallengeRef, output: OtpChallenge },
  'auth.verifyOtp': {
    guard: 'public',
    input: ChallengeRef.extend({ otp: OtpCode }).strict(),
    output: z.object({ citizen: CitizenProfile }),
  },
  'auth.session': { guard: 'public', input: Empty, output: z.object({ citizen: CitizenProfile.nullable() }) },
  'auth.logout': { guard: 'public', input: Empty, output: z.object({}) },
});
