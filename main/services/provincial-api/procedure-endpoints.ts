import { AgenciesCatalog, ProceduresCatalog } from '../../../common/domain/procedures';
import { WorkCalendarDataset } from '../../../common/domain/working-days';
import { CaptchaResponse, CaptchaVerifyResponse, type CaptchaVerifyRequest } from '../../../common/provincial/procedure-schemas';
import { ok, type Result } from '../../../common/result';
import type { Logger } from '../../log';
import type { ClientError, Exchange, Interpret, Send } from './client';
import type { CatalogFetch } from './registration-endpoints';

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

export function procedureEndpoints(deps: { send: Send; exchange: Exchange; interpret: Interpret; logger: Logger }): ProcedureEndpoints {
  const { send, exchange, interpret, logger } = deps;

  async function conditionalGet<T>(path: string, schema: Parameters<Interpret>[2] & { _output: T }, etag: string | undefined) {
    const call = { method: 'GET' as const, path, ifNoneMatch: etag };
    const started = performance.now();
    const raw = await exchange(call);
    if (!raw.ok) return raw;
    if (raw.value.status === 304 && etag !== undefined) {
      logger.info('provincial_api.request', { method: call.method, path, status: 304, outcome: 'not_modified' });
      return ok({ notModified: true as const });
    }
    const result = interpret(call, raw.value, schema, started) as Result<T, ClientError>;
    return result.ok ? ok({ notModified: false as const, etag: raw.value.etag, catalog: result.value }) : result;
  }

  return {
    procedures: (etag) => conditionalGet('/v1/catalog/procedures', ProceduresCatalog, etag),
    agencies: (etag) => conditionalGet('/v1/catalog/agencies', AgenciesCatalog, etag),
    workCalendar: (etag) => conditionalGet('/v1/catalog/work-calendar', WorkCalendarDataset, etag),
    issueCaptcha: () => send({ method: 'GET', path: '/v1/captcha' }, CaptchaResponse),
    verifyCaptcha: (req) => send({ method: 'POST', path: '/v1/captcha/verify', body: req }, CaptchaVerifyResponse),
  };
}
