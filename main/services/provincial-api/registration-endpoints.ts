import { z } from 'zod';
import { AdminUnitsCatalog } from '../../../common/domain/admin-units';
import { ChallengeResponse, type VerifyOtpRequest } from '../../../common/provincial/schemas';
import {
  ComplaintReceipt,
  RegistrationCompleted,
  VerificationResponse,
  type ComplaintRequest,
  type PasswordResetRequest,
  type RegistrationRequest,
  type SetPasswordRequest,
} from '../../../common/provincial/registration-schemas';
import { ok, type Result } from '../../../common/result';
import type { Logger } from '../../log';
import type { ClientError, Exchange, Interpret, Send } from './client';

/**
 * The provincial API's registration, password-reset, complaint and catalog endpoints
 * (simulator/openapi.yaml), on the client's one transport (`send` validates every answer).
 */
export type CatalogFetch<T> = { notModified: true } | { notModified: false; etag: string | undefined; catalog: T };

export interface RegistrationEndpoints {
  startRegistration(req: RegistrationRequest): Promise<Result<ChallengeResponse, ClientError>>;
  startPasswordReset(req: PasswordResetRequest): Promise<Result<ChallengeResponse, ClientError>>;
  verifyVerificationOtp(req: VerifyOtpRequest): Promise<Result<VerificationResponse, ClientError>>;
  resendVerificationOtp(req: { challengeId: string }): Promise<Result<ChallengeResponse, ClientError>>;
  completeRegistration(req: SetPasswordRequest): Promise<Result<{ citizenId: string }, ClientError>>;
  completePasswordReset(req: SetPasswordRequest): Promise<Result<void, ClientError>>;
  submitComplaint(req: ComplaintRequest): Promise<Result<ComplaintReceipt, ClientError>>;
  /** Conditional GET by ETag: `notModified` when the copy we hold is current. */
  adminUnits(etag?: string): Promise<Result<CatalogFetch<AdminUnitsCatalog>, ClientError>>;
}

const NoContent = z.undefined();

export function registrationEndpoints(deps: { send: Send; exchange: Exchange; interpret: Interpret; logger: Logger }): RegistrationEndpoints {
  const { send, exchange, interpret, logger } = deps;
  return {
    startRegistration: (req) => send({ method: 'POST', path: '/v1/registrations', body: req }, ChallengeResponse),
    startPasswordReset: (req) => send({ method: 'POST', path: '/v1/password-resets', body: req }, ChallengeResponse),
    verifyVerificationOtp: ({ challengeId, otp }) =>
      send({ method: 'POST', path: '/v1/verifications/otp/verify', body: { challengeId, otp } }, VerificationResponse),
    resendVerificationOtp: ({ challengeId }) =>
      send({ method: 'POST', path: '/v1/verifications/otp/resend', body: { challengeId } }, ChallengeResponse),
    completeRegistration: (req) => send({ method: 'POST', path: '/v1/registrations/complete', body: req }, RegistrationCompleted),
    completePasswordReset: (req) => send({ method: 'POST', path: '/v1/password-resets/complete', body: req }, NoContent),
    submitComplaint: (req) => send({ method: 'POST', path: '/v1/complaints', body: req }, ComplaintReceipt),
    async adminUnits(etag) {
      const call = { method: 'GET' as const, path: '/v1/catalog/admin-units', ifNoneMatch: etag };
      const started = performance.now();
      const raw = await exchange(call);
      if (!raw.ok) return raw;
      if (raw.value.status === 304 && etag !== undefined) {
        logger.info('provincial_api.request', { method: call.method, path: call.path, status: 304, outcome: 'not_modified' });
        return ok({ notModified: true });
      }
      const result = interpret(call, raw.value, AdminUnitsCatalog, started);
      return result.ok ? ok({ notModified: false, etag: raw.value.etag, catalog: result.value }) : result;
    },
  };
}
