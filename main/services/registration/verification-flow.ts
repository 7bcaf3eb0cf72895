import { findCommune, type AdminUnitsCatalog } from '../../../common/domain/admin-units';
import type { OtpChallenge } from '../../../common/domain/auth';
import { failedPasswordRules } from '../../../common/domain/password-policy';
import type { Registration } from '../../../common/domain/registration';
import { kioskError, type KioskError } from '../../../common/errors';
import { err, ok, type Result } from '../../../common/result';
import type { VerificationPurpose } from '../../../common/contract/registration';
import type { Logger } from '../../log';
import type { ProvincialClient } from '../provincial-api/client';
import { toKioskError } from '../provincial-api/errors';

/**
 * "Đăng ký" and "Quên mật khẩu" on this kiosk: start (the API checks the ID and the phone and
 * sends an OTP) → OTP → new password. One pending verification at a time, held in memory only:
 * the verification token and the password never reach SQLite or a log, and `cancel` (leaving the
 * flow, idle timeout) forgets everything.
 */
export interface VerificationFlow {
  startRegistration(form: Registration): Promise<Result<OtpChallenge, KioskError>>;
  startPasswordReset(form: { citizenId: string; phone: string }): Promise<Result<OtpChallenge, KioskError>>;
  resendOtp(challengeId: string): Promise<Result<OtpChallenge, KioskError>>;
  verifyOtp(challengeId: string, otp: string): Promise<Result<{ purpose: VerificationPurpose }, KioskError>>;
  setPassword(password: string): Promise<Result<{ purpose: VerificationPurpose }, KioskError>>;
  cancel(): void;
}

interface Pending {
  purpose: VerificationPurpose;
  challengeId: string;
  citizenId: string;
  phone: string;
  token: { value: string; expiresAt: number } | null;
}

export function buildVerificationFlow(deps: {
  client: ProvincialClient;
  /** The cached catalog, to refuse an unknown commune before asking the API. */
  adminUnits: () => AdminUnitsCatalog | undefined;
  now: () => number;
  logger: Logger;
}): VerificationFlow {
  const { client, logger } = deps;
  let pending: Pending | null = null;
  const lost = () => err(kioskError('challenge_not_found'));

  const begin = (purpose: VerificationPurpose, citizenId: string, phone: string, r: Result<OtpChallenge, KioskError>) => {
    if (r.ok) pending = { purpose, challengeId: r.value.challengeId, citizenId, phone, token: null };
    logger.info('verification.start', { purpose, outcome: r.ok ? 'otp_sent' : r.error.code });
    return r;
  };
  const mine = (challengeId: string) => pending !== null && pending.challengeId === challengeId;

  return {
    async startRegistration(form) {
      pending = null;
      const catalog = deps.adminUnits();
      if (catalog && !findCommune(catalog, form.provinceCode, form.communeCode)) {
        return err(kioskError('invalid_input', { issues: [{ path: ['communeCode'], message: 'address.communeUnknown' }] }));
      }
      const r = await client.startRegistration(form);
      return begin('registration', form.citizenId, form.phone, r.ok ? ok(r.value) : err(toKioskError(r.error)));
    },

    async startPasswordReset({ citizenId, phone }) {
      pending = null;
      const r = await client.startPasswordReset({ citizenId, phone });
      return begin('passwordReset', citizenId, phone, r.ok ? ok(r.value) : err(toKioskError(r.error)));
    },

    async resendOtp(challengeId) {
      if (!mine(challengeId)) return lost();
      const r = await client.resendVerificationOtp({ challengeId });
      return r.ok ? ok(r.value) : err(toKioskError(r.error));
    },

    async verifyOtp(challengeId, otp) {
      if (!pending || !mine(challengeId)) return lost();
      const current = pending;
      const r = await client.verifyVerificationOtp({ challengeId, otp });
      if (!r.ok) return err(toKioskError(r.error));
      current.token = { value: r.value.verificationToken, expiresAt: deps.now() + r.value.expiresInSeconds * 1000 };
      return ok({ purpose: current.purpose });
    },

    async setPassword(password) {
      const current = pending;
      if (!current?.token || deps.now() >= current.token.expiresAt) return lost();
      // Checked here too so a weak password costs no round trip; the API checks it again.
      if (failedPasswordRules(password, { citizenId: current.citizenId, phone: current.phone }).length > 0) {
        return err(kioskError('weak_password'));
      }
      const req = { verificationToken: current.token.value, password };
      const r = current.purpose === 'registration' ? await client.completeRegistration(req) : await client.completePasswordReset(req);
      logger.info('verification.complete', { purpose: current.purpose, outcome: r.ok ? 'ok' : r.error.kind });
      if (!r.ok) return err(toKioskError(r.error));
      pending = null;
      return ok({ purpose: current.purpose });
    },

    cancel() {
      pending = null;
    },
  };
}
