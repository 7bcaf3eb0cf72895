import type { CitizenProfile, OtpChallenge } from '../../../common/domain/auth';
import type { KioskError } from '../../../common/errors';
import type { Result } from '../../../common/result';

/**
 * How a citizen proves who they are. Today: the national portal account (ID + password, then an
 * OTP by SMS), as the province's guide describes. VNeID can be added as a second provider beside
 * it; everything after login only sees the `VerifiedCitizen` a provider hands back.
 */
export interface VerifiedCitizen {
  citizen: CitizenProfile;
  accessToken: string;
  expiresInSeconds: number;
}

export interface IdentityProvider {
  readonly kind: 'national-portal-account';
  startLogin(form: { citizenId: string; password: string }): Promise<Result<OtpChallenge, KioskError>>;
  resendOtp(challengeId: string): Promise<Result<OtpChallenge, KioskError>>;
  verifyOtp(challengeId: string, otp: string): Promise<Result<VerifiedCitizen, KioskError>>;
  endSession(accessToken: string): Promise<void>;
}
