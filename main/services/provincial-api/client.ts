import { z } from 'zod';
import { CitizenProfile } from '../../../common/domain/auth';
import {
  ChallengeResponse,
  HealthResponse,
  SessionResponse,
  type LoginRequest,
  type VerifyOtpRequest,
} from '../../../common/provincial/schemas';
import { ok, type Result } from '../../../common/result';
import { registrationEndpoints, type RegistrationEndpoints } from './registration-endpoints';
import { procedureEndpoints, type ProcedureEndpoints } from './procedure-endpoints';
import { lookupEndpoints, type LookupEndpoints } from './lookup-endpoints';
import type { ClientError, RequestCore } from './types';

export type { ClientError } from './types';

/**
 * The kiosk's client of the provincial API for a citizen's visit (simulator/openapi.yaml): login,
 * registration, catalogs, status lookup. Every call goes through the one request core
 * (request-core.ts: signed as this kiosk, every answer checked against the wire schemas, expected
 * failures as values). The kiosk's own deliveries are device-client.ts, on the same core.
 */
export interface ProvincialClient extends RegistrationEndpoints, ProcedureEndpoints, LookupEndpoints {
  health(): Promise<Result<{ time: string }, ClientError>>;
  login(req: LoginRequest): Promise<Result<ChallengeResponse, ClientError>>;
  verifyOtp(req: VerifyOtpRequest): Promise<Result<SessionResponse, ClientError>>;
  resendOtp(req: { challengeId: string }): Promise<Result<ChallengeResponse, ClientError>>;
  me(accessToken: string): Promise<Result<CitizenProfile, ClientError>>;
  logout(accessToken: string): Promise<Result<void, ClientError>>;
}

const NoContent = z.undefined();

export function buildProvincialClient(core: RequestCore): ProvincialClient {
  const { send } = core;
  return {
    ...registrationEndpoints(core),
    ...procedureEndpoints(core),
    ...lookupEndpoints(core),
    async health() {
      const result = await send({ method: 'GET', path: '/v1/health', public: true }, HealthResponse);
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
