import { ok } from '../../common/result';
import type { catalogContract, registrationContract } from '../../common/contract/registration';
import type { Catalog } from '../services/catalog/catalog';
import type { ProvincialClient } from '../services/provincial-api/client';
import { submitComplaint } from '../services/registration/complaints';
import type { VerificationFlow } from '../services/registration/verification-flow';
import type { HandlersOf } from './dispatch';

/** "Đăng ký", "Quên mật khẩu" and "Khiếu nại". */
export function buildRegistrationApi(deps: { flow: VerificationFlow; client: ProvincialClient }): HandlersOf<typeof registrationContract> {
  const { flow, client } = deps;
  return {
    'registration.start': (form) => flow.startRegistration(form),
    'passwordReset.start': (form) => flow.startPasswordReset(form),
    'verification.resendOtp': ({ challengeId }) => flow.resendOtp(challengeId),
    'verification.verifyOtp': ({ challengeId, otp }) => flow.verifyOtp(challengeId, otp),
    'verification.setPassword': ({ password }) => flow.setPassword(password),
    'verification.cancel': async () => {
      flow.cancel();
      return ok({});
    },
    'complaint.submit': (complaint) => submitComplaint(client, complaint),
  };
}

export function buildCatalogApi(deps: { catalog: Catalog }): HandlersOf<typeof catalogContract> {
  return {
    'catalog.adminUnits': async () => {
      const r = await deps.catalog.adminUnits.get();
      return r.ok ? ok({ catalog: r.value.value, offline: r.value.offline }) : r;
    },
  };
}
