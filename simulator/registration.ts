import type { CitizenProfile } from '../common/domain/auth';
import { findCommune, type AdminUnitsCatalog } from '../common/domain/admin-units';
import { failedPasswordRules } from '../common/domain/password-policy';
import { checkBirthDate, todayInVietnam } from '../common/domain/person';
import { PasswordResetForm, RegistrationForm, type Registration } from '../common/domain/registration';
import type { ChallengeResponse, VerifyOtpRequest } from '../common/provincial/schemas';
import type { SetPasswordRequest, VerificationResponse } from '../common/provincial/registration-schemas';
import { err, ok, type Result } from '../common/result';
import type { Logger } from '../main/log';
import type { AccountStore } from './accounts';
import type { SimClock } from './clock';
import { failure, type ApiFailure } from './failure';
import { parseBody } from './http';
import { subscriberOwner } from './seed/subscribers';
import type { SmsGateway } from './sms';
import { buildVerification } from './verification';

/**
 * "Đăng ký tài khoản công dân bằng số thuê bao di động" and "Quên mật khẩu", as the portal does
 * them. Never trusts the kiosk: every rule of the shared form schema is applied again here, with
 * the simulator's own clock for "not in the future" and its own catalog and subscriber registry.
 */
export interface RegistrationService {
  start(body: unknown): Result<ChallengeResponse, ApiFailure>;
  startPasswordReset(body: unknown): Result<ChallengeResponse, ApiFailure>;
  verifyOtp(req: VerifyOtpRequest): Result<VerificationResponse, ApiFailure>;
  resendOtp(req: { challengeId: string }): Result<ChallengeResponse, ApiFailure>;
  complete(req: SetPasswordRequest): Result<{ citizenId: string }, ApiFailure>;
  completePasswordReset(req: SetPasswordRequest): Result<void, ApiFailure>;
  reset(): void;
}

type Pending = Registration | null;

export function buildRegistration(deps: {
  clock: SimClock;
  accounts: AccountStore;
  sms: SmsGateway;
  catalog: () => AdminUnitsCatalog;
  logger: Logger;
}): RegistrationService {
  const { clock, accounts, logger } = deps;
  const verification = buildVerification<Pending>(deps);

  const weak = (password: string, citizenId: string, phone: string): ApiFailure | null => {
    const failed = failedPasswordRules(password, { citizenId, phone });
    return failed.length === 0 ? null : failure(400, 'weak_password', `Password does not meet the policy: ${failed.join(', ')}.`);
  };

  const parseRegistration = (body: unknown): Result<Registration, ApiFailure> => {
    const parsed = parseBody(RegistrationForm, body);
    if (!parsed.ok) return parsed;
    const form = parsed.value;
    // The shared schema used the host's clock; the portal's own clock decides what "today" is.
    const date = checkBirthDate(form.birthDate, todayInVietnam(clock.now()));
    if (!date.ok) return err(failure(400, 'invalid_request', `Invalid request: birthDate: ${date.problem}.`));
    if (!findCommune(deps.catalog(), form.provinceCode, form.communeCode)) {
      return err(failure(400, 'invalid_request', 'Invalid request: communeCode: not a commune of provinceCode in /v1/catalog/admin-units.'));
    }
    return ok(form);
  };

  return {
    start(body) {
      const parsed = parseRegistration(body);
      if (!parsed.ok) return parsed;
      const form = parsed.value;
      if (accounts.find(form.citizenId)) {
        logger.info('sim.registration.account_exists');
        return err(failure(409, 'account_exists', 'An account with this ID number already exists.'));
      }
      if (subscriberOwner(form.phone) !== form.citizenId) {
        logger.info('sim.registration.phone_not_owned');
        return err(failure(422, 'phone_not_owned', 'This mobile number is not registered to this ID number.'));
      }
      return verification.issue({ purpose: 'registration', citizenId: form.citizenId, phone: form.phone, payload: form });
    },

    startPasswordReset(body) {
      const parsed = parseBody(PasswordResetForm, body);
      if (!parsed.ok) return parsed;
      const { citizenId, phone } = parsed.value;
      const account = accounts.find(citizenId);
      if (!account) return err(failure(404, 'account_not_found', 'No account with this ID number.'));
      if (account.profile.phone !== phone) return err(failure(422, 'phone_mismatch', 'This is not the phone number registered to this account.'));
      return verification.issue({ purpose: 'passwordReset', citizenId, phone, payload: null });
    },

    verifyOtp: (req) => verification.verify(req),
    resendOtp: (req) => verification.resend(req),

    complete({ verificationToken, password }) {
      const v = verification.peek(verificationToken, 'registration');
      if (!v.ok) return v;
      const form = v.value.payload;
      if (!form) return err(failure(404, 'challenge_not_found', 'Unknown or expired verification token; start again.'));
      const refused = weak(password, form.citizenId, form.phone);
      if (refused) return err(refused);
      if (accounts.find(form.citizenId)) return err(failure(409, 'account_exists', 'An account with this ID number already exists.'));
      verification.consume(verificationToken);
      const profile: CitizenProfile = {
        citizenId: form.citizenId,
        fullName: form.fullName,
        birthDate: form.birthDate,
        gender: form.gender,
        phone: form.phone,
        email: form.email,
        address: { provinceCode: form.provinceCode, communeCode: form.communeCode, detail: form.addressDetail },
      };
      accounts.add(profile, password);
      logger.info('sim.registration.completed');
      return ok({ citizenId: form.citizenId });
    },

    completePasswordReset({ verificationToken, password }) {
      const v = verification.peek(verificationToken, 'passwordReset');
      if (!v.ok) return v;
      const account = accounts.find(v.value.citizenId);
      if (!account) return err(failure(404, 'account_not_found', 'No account with this ID number.'));
      const refused = weak(password, account.profile.citizenId, account.profile.phone);
      if (refused) return err(refused);
      verification.consume(verificationToken);
      // A new password also lifts a lockout: that is what recovering an account is for.
      accounts.add(account.profile, password);
      logger.info('sim.password_reset.completed');
      return ok(undefined);
    },

    reset: () => verification.reset(),
  };
}
