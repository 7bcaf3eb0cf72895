import type { CallResult } from '../../../common/contract';
import type { OtpPurpose } from '../stores/verification';
import { call } from '../api/client';

/**
 * Logging in, and the one OTP screen that serves login, registration and password recovery:
 * the purpose picks the method, the screen stays the same.
 */

export const startLogin = (input: { citizenId: string; password: string }) => call('auth.startLogin', input);

/** A login answers with the citizen; registration and recovery with the purpose just verified. */
export const verifyOtp = (
  purpose: OtpPurpose,
  input: { challengeId: string; otp: string },
): Promise<CallResult<'auth.verifyOtp'> | CallResult<'verification.verifyOtp'>> =>
  purpose === 'login' ? call('auth.verifyOtp', input) : call('verification.verifyOtp', input);

export const resendOtp = (purpose: OtpPurpose, input: { challengeId: string }) =>
  purpose === 'login' ? call('auth.resendOtp', input) : call('verification.resendOtp', input);

/** Whether main still holds the citizen's session (it ends it on its own after idle). */
export const citizenSession = () => call('auth.session', {});
