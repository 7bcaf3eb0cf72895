import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { maskPhone } from '../common/domain/phone';
import type { ChallengeResponse, VerifyOtpRequest } from '../common/provincial/schemas';
import type { VerificationResponse } from '../common/provincial/registration-schemas';
import { err, ok, type Result } from '../common/result';
import type { Logger } from '../main/log';
import { authLimits } from './auth';
import { addSeconds, secondsUntil, type SimClock } from './clock';
import { failure, type ApiFailure } from './failure';
import type { SmsGateway } from './sms';

/**
 * Proving a phone before an account is created or its password replaced: an OTP by SMS (same
 * limits as login: authLimits), then a short-lived single-use token that lets the caller set the
 * password. The payload (the registration form) waits here until the token is redeemed.
 */
export type VerificationPurpose = 'registration' | 'passwordReset';

export const verificationLimits = { tokenTtlSeconds: 600 } as const;

export interface Verified<P> {
  readonly purpose: VerificationPurpose;
  readonly citizenId: string;
  readonly phone: string;
  readonly payload: P;
}

interface Challenge<P> extends Verified<P> {
  readonly id: string;
  otp: string;
  expiresAt: Date;
  resendAt: Date;
  attemptsLeft: number;
}

export interface VerificationService<P> {
  issue(subject: Verified<P>): Result<ChallengeResponse, ApiFailure>;
  verify(req: VerifyOtpRequest): Result<VerificationResponse, ApiFailure>;
  resend(req: { challengeId: string }): Result<ChallengeResponse, ApiFailure>;
  /** What a token proves, without using it up (a weak password may be retried). */
  peek(token: string, purpose: VerificationPurpose): Result<Verified<P>, ApiFailure>;
  consume(token: string): void;
  reset(): void;
}

const smsText: Record<VerificationPurpose, (otp: string, minutes: number) => string> = {
  registration: (otp, m) => `Ma OTP dang ky tai khoan Cong DVC tinh Dak Lak la ${otp}. Hieu luc ${m} phut. Khong chia se ma nay cho bat ky ai.`,
  passwordReset: (otp, m) => `Ma OTP dat lai mat khau Cong DVC tinh Dak Lak la ${otp}. Hieu luc ${m} phut. Khong chia se ma nay cho bat ky ai.`,
};

function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function buildVerification<P>(deps: { clock: SimClock; sms: SmsGateway; logger: Logger }): VerificationService<P> {
  const { clock, sms, logger } = deps;
  let challenges = new Map<string, Challenge<P>>();
  let tokens = new Map<string, Verified<P> & { expiresAt: Date }>();
  const notFound = () => failure(404, 'challenge_not_found', 'No such OTP challenge; start again.');
  const locked = () => failure(423, 'otp_locked', 'Too many wrong codes; start again.');

  const sweep = (now: Date) => {
    for (const [id, c] of challenges) if (now > addSeconds(c.expiresAt, authLimits.challengeRetentionSeconds)) challenges.delete(id);
    for (const [t, v] of tokens) if (now >= v.expiresAt) tokens.delete(t);
  };
  const describe = (c: Challenge<P>, now: Date): ChallengeResponse => ({
    challengeId: c.id,
    maskedPhone: maskPhone(c.phone),
    expiresInSeconds: secondsUntil(c.expiresAt, now),
    resendInSeconds: secondsUntil(c.resendAt, now),
    attemptsLeft: c.attemptsLeft,
  });
  const capped = (phone: string): ApiFailure | null => {
    const retryAfterSeconds = sms.capRetryAfter(phone);
    return retryAfterSeconds === 0 ? null : failure(429, 'rate_limited', 'Too many SMS to this phone number in the last hour.', { retryAfterSeconds });
  };
  const sendCode = (c: Challenge<P>, now: Date) => {
    c.otp = String(randomInt(0, 1_000_000)).padStart(6, '0');
    c.expiresAt = addSeconds(now, authLimits.otpTtlSeconds);
    c.resendAt = addSeconds(now, authLimits.resendCooldownSeconds);
    sms.send(c.phone, smsText[c.purpose](c.otp, authLimits.otpTtlSeconds / 60));
  };
  const live = (id: string, now: Date): Result<Challenge<P>, ApiFailure> => {
    sweep(now);
    const c = challenges.get(id);
    if (!c) return err(notFound());
    return c.attemptsLeft === 0 ? err(locked()) : ok(c);
  };

  return {
    issue(subject) {
      const now = clock.now();
      sweep(now);
      const refused = capped(subject.phone);
      if (refused) return err(refused);
      // Only the newest code for a phone and purpose works.
      for (const [id, c] of challenges) if (c.phone === subject.phone && c.purpose === subject.purpose) challenges.delete(id);
      const c: Challenge<P> = { ...subject, id: randomBytes(18).toString('base64url'), otp: '', expiresAt: now, resendAt: now, attemptsLeft: authLimits.otpMaxAttempts };
      sendCode(c, now);
      challenges.set(c.id, c);
      logger.info('sim.verification.issued', { purpose: subject.purpose });
      return ok(describe(c, now));
    },
    verify({ challengeId, otp }) {
      const now = clock.now();
      const found = live(challengeId, now);
      if (!found.ok) return found;
      const c = found.value;
      if (now >= c.expiresAt) return err(failure(410, 'otp_expired', 'The code has expired; ask for a new one.'));
      if (!sameCode(otp, c.otp)) {
        c.attemptsLeft -= 1;
        if (c.attemptsLeft === 0) return err(locked());
        return err(failure(400, 'otp_invalid', 'Wrong code.', { attemptsLeft: c.attemptsLeft }));
      }
      challenges.delete(c.id);
      const token = randomBytes(32).toString('base64url');
      tokens.set(token, { purpose: c.purpose, citizenId: c.citizenId, phone: c.phone, payload: c.payload, expiresAt: addSeconds(now, verificationLimits.tokenTtlSeconds) });
      return ok({ verificationToken: token, expiresInSeconds: verificationLimits.tokenTtlSeconds });
    },
    resend({ challengeId }) {
      const now = clock.now();
      const found = live(challengeId, now);
      if (!found.ok) return found;
      const c = found.value;
      if (now < c.resendAt) {
        return err(failure(429, 'resend_cooldown', 'Wait before asking for another code.', { retryAfterSeconds: secondsUntil(c.resendAt, now) }));
      }
      const refused = capped(c.phone);
      if (refused) return err(refused);
      sendCode(c, now);
      return ok(describe(c, now));
    },
    peek(token, purpose) {
      sweep(clock.now());
      const v = tokens.get(token);
      if (!v || v.purpose !== purpose) return err(failure(404, 'challenge_not_found', 'Unknown or expired verification token; start again.'));
      return ok(v);
    },
    consume(token) {
      tokens.delete(token);
    },
    reset() {
      challenges = new Map();
      tokens = new Map();
    },
  };
}
