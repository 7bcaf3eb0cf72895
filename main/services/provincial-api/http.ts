import axios, { type AxiosInstance, type CreateAxiosDefaults } from 'axios';

/** Large enough for any answer of this API, small enough that a misbehaving server cannot fill memory. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * The axios instance both clients use (citizen calls in client.ts, device calls in device-client.ts): the
 * body arrives as raw text and every status comes back as a value, so deciding what an answer
 * means is ours (response.ts), not axios's. Extra options (keep-alive agents, body limits) merge in.
 */
export function createApiHttp(opts: { baseUrl: string; timeoutMs: number; userAgent?: string }, extra: CreateAxiosDefaults = {}): AxiosInstance {
  return axios.create({
    baseURL: opts.baseUrl,
    timeout: opts.timeoutMs,
    adapter: 'http',
    // Raw text in, so a non-JSON body is our decision (bad_response), not axios's.
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    // An API never redirects; a redirect is a captive portal or a misconfigured URL.
    maxRedirects: 0,
    maxContentLength: MAX_RESPONSE_BYTES,
    transitional: { clarifyTimeoutError: true },
    headers: { Accept: 'application/json', 'User-Agent': opts.userAgent ?? 'kiosk-dich-vu-cong' },
    ...extra,
  });
}
