import { z } from 'zod';
import { CitizenProfile, LoginForm, OtpChallenge, OtpCode } from '../domain/auth';
import { Empty } from './kiosk';

const ChallengeRef = z.object({ challengeId: z.string().min(8).max(128) }).strict();

/** Logging in (the guide's "Đăng nhập") and the citizen session that follows. */
export const authContract = {
  'auth.startLogin': { input: LoginForm.strict(), output: OtpChallenge },
  'auth.resendOtp': { input: ChallengeRef, output: OtpChallenge },
  'auth.verifyOtp': {
    input: ChallengeRef.extend({ otp: OtpCode }).strict(),
    output: z.object({ citizen: CitizenProfile }),
  },
  'auth.session': { input: Empty, output: z.object({ citizen: CitizenProfile.nullable() }) },
  'auth.logout': { input: Empty, output: z.object({}) },
} as const;
