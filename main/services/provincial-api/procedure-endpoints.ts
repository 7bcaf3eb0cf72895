import { AgenciesCatalog, ProceduresCatalog } from '../../../common/domain/procedures';
import { WorkCalendarDataset } from '../../../common/domain/working-days';
import { CaptchaResponse, CaptchaVerifyResponse, type CaptchaVerifyRequest } from '../../../common/provincial/procedure-schemas';
import type { Result } from '../../../common/result';
import { conditionalGet } from './conditional-get';
import type { CatalogFetch, ClientError, RequestCore } from './types';

/**
 * The provincial API's procedure and agency catalogs (conditional GET by ETag) and its
 * verification codes (mã xác nhận), on the client's one transport.
 */
export interface ProcedureEndpoints {
  procedures(etag?: string): Promise<Result<CatalogFetch<ProceduresCatalog>, ClientError>>;
  agencies(etag?: string): Promise<Result<CatalogFetch<AgenciesCatalog>, ClientError>>;
  /** The province's work calendar (days off, make-up working days) for expected result dates. */
  workCalendar(etag?: string): Promise<Result<CatalogFetch<WorkCalendarDataset>, ClientError>>;
  issueCaptcha(): Promise<Result<CaptchaResponse, ClientError>>;
  verifyCaptcha(req: CaptchaVerifyRequest): Promise<Result<CaptchaVerifyResponse, ClientError>>;
}

export function procedureEndpoints(core: RequestCore): ProcedureEndpoints {
  const { send } = core;
  return {
    procedures: (etag) => conditionalGet(core, '/v1/catalog/procedures', ProceduresCatalog, etag),
    agencies: (etag) => conditionalGet(core, '/v1/catalog/agencies', AgenciesCatalog, etag),
    workCalendar: (etag) => conditionalGet(core, '/v1/catalog/work-calendar', WorkCalendarDataset, etag),
    issueCaptcha: () => send({ method: 'GET', path: '/v1/captcha' }, CaptchaResponse),
    verifyCaptcha: (req) => send({ method: 'POST', path: '/v1/captcha/verify', body: req }, CaptchaVerifyResponse),
  };
}
