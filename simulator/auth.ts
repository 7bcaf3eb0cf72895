import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { CitizenProfile } from '../common/domain/auth';
import { maskPhone } from '../common/domain/phone';
import type { ChallengeResponse, LoginRequest, SessionResponse, VerifyOtpRequest } from '../common/provincial/schemas';
import { err, ok, type Result } from '../common/result';
import type { Logger } from '../main/log';
import { passwordMatches, type Account, type AccountStore } from './accounts';
import { addSeconds, secondsUntil, type SimClock } from './clock';
import { failure, type ApiFailure } from './failure';
import { loginOtpText, type SmsGateway } from './sms';

/** The numbers the contract (openapi.yaml) promises; tests read them from here. */
export const authLimits = {
  otpTtlSeconds: 300,
  resendCooldownSeconds: 60,
  otpMaxAttempts: 5,
  passwordMaxFailures: 5,
  lockoutSeconds: 15 * 60,
  sessionTtlSeconds: 30 * 60,
  /** A challenge is forgotten (404) this long after its last code expired. */
  challengeRetentionSeconds: 30 * 60,
} as const;

interface Challenge {
  readonly id: string;
  readonly citizenId: string;
  readonly phone: string;
  otp: string;
  expiresAt: Date;
  resendAt: Date;
  attemptsLeft: number;
}

interface Session {
  readonly citizenId: string;
  readonly expiresAt: Date;
}

export interface AuthService {
  login(req: LoginRequest): Result<ChallengeResponse, ApiFailure>;
  verifyOtp(req: VerifyOtpRequest): Result<SessionResponse, ApiFailure>;
  resendOtp(req: { challengeId: string }): Result<ChallengeResponse, ApiFailure>;
  citizenFor(accessToken: string): Result<CitizenProfile, ApiFailure>;
  logout(accessToken: string): void;
  reset(): void;
}

const newOtp = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');
const newSecret = (bytes: number): string => randomBytes(bytes).toString('base64url');

function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function buildAuth(deps: { clock: SimClock; accounts: AccountStore; sms: SmsGateway; logger: Logger }): AuthService {
  const { clock, accounts, sms, logger } = deps;
  let challenges = new Map<string, Challenge>();
  let sessions = new Map<string, Session>();

  const sweep = (now: Date) => {
    for (const [id, c] of challenges) {
      if (now > addSeconds(c.expiresAt, authLimits.challengeRetentionSeconds)) challenges.delete(id);
    }
    for (const [token, s] of sessions) if (now >= s.expiresAt) sessions.delete(token);
  };

  const describe = (c: Challenge, now: Date): ChallengeResponse => ({
    challengeId: c.id,
    maskedPhone: maskPhone(c.phone),
    expiresInSeconds: secondsUntil(c.expiresAt, now),
    resendInSeconds: secondsUntil(c.resendAt, now),
    attemptsLeft: c.attemptsLeft,
  });

  const sendCode = (c: Challenge, now: Date) => {
    c.otp = newOtp();
    c.expiresAt = addSeconds(now, authLimits.otpTtlSeconds);
    c.resendAt = addSeconds(now, authLimits.resendCooldownSeconds);
    sms.send(c.phone, loginOtpText(c.otp, authLimits.otpTtlSeconds / 60));
  };

  const smsCapFailure = (phone: string): ApiFailure | null => {
    const retryAfterSeconds = sms.capRetryAfter(phone);
    if (retryAfterSeconds === 0) return null;
    logger.warn('sim.sms.hourly_cap_reached', { retryAfterSeconds });
    return failure(429, 'rate_limited', 'Too many SMS to this phone number in the last hour.', { retryAfterSeconds });
  };

  const checkPassword = (account: Account, password: string, now: Date): ApiFailure | null => {
    if (account.lockedUntil && now < account.lockedUntil) {
      return failure(423, 'account_locked', 'Account locked after too many wrong passwords.', {
        retryAfterSeconds: secondsUntil(account.lockedUntil, now),
      });
    }
    if (passwordMatches(account, password)) {
      account.failedPasswords = 0;
      account.lockedUntil = null;
      return null;
    }
    account.failedPasswords += 1;
    if (account.failedPasswords >= authLimits.passwordMaxFailures) {
      account.failedPasswords = 0;
      account.lockedUntil = addSeconds(now, authLimits.lockoutSeconds);
      logger.warn('sim.account.locked', { lockoutSeconds: authLimits.lockoutSeconds });
      return failure(423, 'account_locked', 'Account locked after too many wrong passwords.', {
        retryAfterSeconds: authLimits.lockoutSeconds,
      });
    }
    const attemptsLeft = authLimits.passwordMaxFailures - account.failedPasswords;
    logger.info('sim.login.wrong_password', { attemptsLeft });
    return failure(401, 'wrong_password', 'Wrong password.', { attemptsLeft });
  };

  /** A challenge that still accepts a code or a resend, or why not. */
  const liveChallenge = (id: string, now: Date): Result<Challenge, ApiFailure> => {
    sweep(now);
    const c = challenges.get(id);
    if (!c) return err(failure(404, 'challenge_not_found', 'No such OTP challenge; log in again.'));
    if (c.attemptsLeft === 0) return err(failure(423, 'otp_locked', 'Too many wrong codes; log in again.'));
    return ok(c);
  };

  return {
    login({ username, password }) {
      const now = clock.now();
      sweep(now);
      const account = accounts.find(username);
      if (!account) return err(failure(404, 'account_not_found', 'No account with this ID number.'));
      const refused = checkPassword(account, password, now) ?? smsCapFailure(account.profile.phone);
      if (refused) return err(refused);
      // Only the newest code of a citizen works: an old SMS lying on the phone is useless.
      for (const [id, c] of challenges) if (c.citizenId === account.profile.citizenId) challenges.delete(id);
      const challenge: Challenge = {
        id: newSecret(18),
        citizenId: account.profile.citizenId,
        phone: account.profile.phone,
        otp: '',
        expiresAt: now,
        resendAt: now,
        attemptsLeft: authLimits.otpMaxAttempts,
      };
      sendCode(challenge, now);
      challenges.set(challenge.id, challenge);
      logger.info('sim.login.challenge_issued');
      return ok(describe(challenge, now));
    },

    verifyOtp({ challengeId, otp }) {
      const now = clock.now();
      const live = liveChallenge(challengeId, now);
      if (!live.ok) return live;
      const c = live.value;
      if (now >= c.expiresAt) return err(failure(410, 'otp_expired', 'The code has expired; ask for a new one.'));
      if (!sameCode(otp, c.otp)) {
        c.attemptsLeft -= 1;
        logger.info('sim.otp.wrong_code', { attemptsLeft: c.attemptsLeft });
        if (c.attemptsLeft === 0) return err(failure(423, 'otp_locked', 'Too many wrong codes; log in again.'));
        return err(failure(400, 'otp_invalid', 'Wrong code.', { attemptsLeft: c.attemptsLeft }));
      }
      challenges.delete(c.id);
      const account = accounts.find(c.citizenId);
      if (!account) return err(failure(404, 'challenge_not_found', 'No such OTP challenge; log in again.'));
      const accessToken = newSecret(32);
      sessions.set(accessToken, { citizenId: c.citizenId, expiresAt: addSeconds(now, authLimits.sessionTtlSeconds) });
      logger.info('sim.session.started');
      return ok({ accessToken, expiresInSeconds: authLimits.sessionTtlSeconds, citizen: account.profile });
    },

    resendOtp({ challengeId }) {
      const now = clock.now();
      const live = liveChallenge(challengeId, now);
      if (!live.ok) return live;
      const c = live.value;
      if (now < c.resendAt) {
        return err(failure(429, 'resend_cooldown', 'Wait before asking for another code.', {
          retryAfterSeconds: secondsUntil(c.resendAt, now),
        }));
      }
      const capped = smsCapFailure(c.phone);
      if (capped) return err(capped);
      // Wrong tries carry over: resending must not reset the brute-force budget of a challenge.
      sendCode(c, now);
      logger.info('sim.otp.resent');
      return ok(describe(c, now));
    },

    citizenFor(accessToken) {
      const now = clock.now();
      sweep(now);
      const session = sessions.get(accessToken);
      const account = session && accounts.find(session.citizenId);
      if (!account) return err(failure(401, 'unauthorized', 'Missing, unknown or expired access token.'));
      return ok(account.profile);
    },

    logout(accessToken) {
      if (sessions.delete(accessToken)) logger.info('sim.session.ended');
    },

    reset() {
      challenges = new Map();
      sessions = new Map();
    },
  };
}
