import { z } from 'zod';
import { CitizenProfile } from '../../../common/domain/auth';
import {
  ChallengeResponse,
  HealthResponse,
  SessionResponse,
  type ApiErrorCode,
  type LoginRequest,
  type VerifyOtpRequest,
} from '../../../common/provincial/schemas';
import { ok, type Result } from '../../../common/result';
import type { Logger } from '../../log';
import { registrationEndpoints, type RegistrationEndpoints } from './registration-endpoints';
import { procedureEndpoints, type ProcedureEndpoints } from './procedure-endpoints';
import { lookupEndpoints, type LookupEndpoints } from './lookup-endpoints';
import { createApiHttp } from './http';
import { classifyTransportError, interpretResponse, type RawResponse } from './response';

// Dossier intake and attachment upload are called as the kiosk *device*, not as a citizen.
export { createDeviceClient, type DeviceClient, type DeviceClientError } from './device-client';

/**
 * The kiosk's client of the provincial API (simulator/openapi.yaml). Every answer is checked
 * against the wire schemas; expected failures come back as values, never as exceptions.
 *
 * Status mapping:
 * - 4xx/5xx carrying a valid ApiErrorBody → `api` with the body's code and numbers
 *   (retryAfterSeconds falls back to the Retry-After header).
 * - 502/503/504 without such a body (a proxy in front of a dead API) → `api` with code `internal`,
 *   so callers retry them like any API 5xx.
 * - any other status whose body fails its schema (incl. 3xx, non-JSON, a 200 with the wrong shape)
 *   → `bad_response`.
 * - no response: timeout → `timeout`; refused/reset/dropped/DNS → `network`.
 */
export type ClientError =
  | { kind: 'api'; status: number; code: ApiErrorCode; attemptsLeft?: number; retryAfterSeconds?: number }
  | { kind: 'network' }
  | { kind: 'timeout' }
  | { kind: 'bad_response'; status: number };

export interface ProvincialClient extends RegistrationEndpoints, ProcedureEndpoints, LookupEndpoints {
  health(): Promise<Result<{ time: string }, ClientError>>;
  login(req: LoginRequest): Promise<Result<ChallengeResponse, ClientError>>;
  verifyOtp(req: VerifyOtpRequest): Promise<Result<SessionResponse, ClientError>>;
  resendOtp(req: { challengeId: string }): Promise<Result<ChallengeResponse, ClientError>>;
  me(accessToken: string): Promise<Result<CitizenProfile, ClientError>>;
  logout(accessToken: string): Promise<Result<void, ClientError>>;
}

const NoContent = z.undefined();

export interface Call {
  method: 'GET' | 'POST';
  /** A path template: it is what gets logged, so it must never carry data. */
  path: string;
  body?: unknown;
  accessToken?: string;
  /** A conditional GET: the ETag of the copy we hold; the API answers 304 if it is still current. */
  ifNoneMatch?: string;
}

/** A response that arrived, before it is believed; `etag` for conditional GETs. */
export type Exchanged = RawResponse & { etag: string | undefined };
export type Send = <T>(call: Call, schema: z.ZodType<T, z.ZodTypeDef, unknown>) => Promise<Result<T, ClientError>>;
export type Exchange = (call: Call) => Promise<Result<Exchanged, ClientError>>;
export type Interpret = <T>(call: Call, raw: Exchanged, schema: z.ZodType<T, z.ZodTypeDef, unknown>, startedMs: number) => Result<T, ClientError>;

export function createProvincialClient(opts: {
  baseUrl: string;
  timeoutMs: number;
  logger: Logger;
  userAgent?: string;
}): ProvincialClient {
  const http = createApiHttp(opts);

  const exchange: Exchange = async (call) => {
    const started = performance.now();
    try {
      const response = await http.request<string>({
        method: call.method,
        url: call.path,
        data: call.body,
        headers: {
          ...(call.accessToken && { Authorization: `Bearer ${call.accessToken}` }),
          // axios would label a bodiless POST as a form; the API rejects a typed empty body.
          ...(call.body === undefined && { 'Content-Type': false }),
          ...(call.ifNoneMatch && { 'If-None-Match': call.ifNoneMatch }),
        },
      });
      const retryAfter: unknown = response.headers['retry-after'];
      const etag: unknown = response.headers['etag'];
      return ok({
        status: response.status,
        body: typeof response.data === 'string' ? response.data : '',
        retryAfterHeader: typeof retryAfter === 'string' ? retryAfter : undefined,
        etag: typeof etag === 'string' ? etag : undefined,
      });
    } catch (error) {
      const { clientError, errorCode } = classifyTransportError(error);
      const ms = Math.round(performance.now() - started);
      opts.logger.warn('provincial_api.request', { method: call.method, path: call.path, outcome: clientError.kind, errorCode, ms });
      return { ok: false, error: clientError };
    }
  };

  const interpret: Interpret = (call, raw, schema, startedMs) => {
    const result = interpretResponse(raw, schema);
    const fields = { method: call.method, path: call.path, status: raw.status, ms: Math.round(performance.now() - startedMs) };
    if (result.ok) opts.logger.info('provincial_api.request', { ...fields, outcome: 'ok' });
    else {
      const apiCode = result.error.kind === 'api' ? result.error.code : undefined;
      opts.logger.warn('provincial_api.request', { ...fields, outcome: result.error.kind, apiCode });
    }
    return result;
  };

  const send: Send = async (call, schema) => {
    const started = performance.now();
    const raw = await exchange(call);
    return raw.ok ? interpret(call, raw.value, schema, started) : raw;
  };

  return {
    ...registrationEndpoints({ send, exchange, interpret, logger: opts.logger }),
    ...procedureEndpoints({ send, exchange, interpret, logger: opts.logger }),
    ...lookupEndpoints({ send }),
    async health() {
      const result = await send({ method: 'GET', path: '/v1/health' }, HealthResponse);
      return result.ok ? ok({ time: result.value.time }) : result;
    },
    login: ({ username, password }) =>
      send({ method: 'POST', path: '/v1/auth/login', body: { username, password } }, ChallengeResponse),
    verifyOtp: ({ challengeId, otp }) =>
      send({ method: 'POST', path: '/v1/auth/otp/verify', body: { challengeId, otp } }, SessionResponse),
    resendOtp: (req) =>
      send({ method: 'POST', path: '/v1/auth/otp/resend', body: { challengeId: req.challengeId } }, ChallengeResponse),
    me: (accessToken) => send({ method: 'GET', path: '/v1/citizens/me', accessToken }, CitizenProfile),
    logout: (accessToken) => send({ method: 'POST', path: '/v1/auth/logout', accessToken }, NoContent),
  };
}
