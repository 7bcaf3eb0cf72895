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
import type { Result } from '../../../common/result';
import { conditionalGet } from './conditional-get';
import type { CatalogFetch, ClientError, RequestCore } from './types';

/**
 * The provincial API's registration, password-reset, complaint and catalog endpoints
 * (simulator/openapi.yaml), on the client's one transport (`send` validates every answer).
 */
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

export function registrationEndpoints(core: RequestCore): RegistrationEndpoints {
  const { send } = core;
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
    adminUnits: (etag) => conditionalGet(core, '/v1/catalog/admin-units', AdminUnitsCatalog, etag),
  };
}
