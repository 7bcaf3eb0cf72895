import type { OutgoingHttpHeaders } from 'node:http';
import { sha256Hex, signatureHeadersFor } from '../../../common/provincial/request-signing';
import { err, ok, type Result } from '../../../common/result';
import type { Logger } from '../../log';
import { interpretResponse } from './response';
import { buildTransport } from './transport';
import type { ApiClock, Call, ClientError, DeviceSigner, Exchange, Interpret, RawResponse, RequestCore, Send } from './types';

/** Large enough for any answer of this API, small enough that a misbehaving server cannot fill memory. */
const MAX_RESPONSE_BYTES = 1024 * 1024;
/** A slow office link still moves this much; a large upload gets time in proportion. */
const MIN_UPLOAD_BYTES_PER_SECOND = 32 * 1024;
/** A clock_skew refusal is retried at once, re-signed, when the answer's Date moved our offset this much. */
const SKEW_RETRY_MIN_SHIFT_MS = 5_000;

const EMPTY_SHA256 = sha256Hex('');

/**
 * The one pipeline every request to the provincial API goes through — citizens' calls
 * (client.ts) and the kiosk's own as a device (device-client.ts) alike:
 *
 * 1. the body is serialised once (the bytes signed are the bytes sent; uploads stream from disk
 *    and are signed by the SHA-256 the API checks them against);
 * 2. the request is signed as this kiosk (common/provincial/request-signing.ts) with the API's
 *    time as the kiosk knows it (api-clock.ts) — or refused here, unsent, while the kiosk is not
 *    enrolled, except for public calls;
 * 3. the answer's Date header updates the clock; a `clock_skew` refusal that taught the clock
 *    something is re-signed and sent once more;
 * 4. the answer is believed only if it fits its schema (response.ts); every failure, including
 *    the API's own message, comes back as a value, never an exception;
 * 5. the outcome is logged by method, path template, status and duration — never a body.
 *
 * The wire itself is transport.ts: node:http(s) with a keep-alive pool, one deadline, a size cap.
 */
export function buildRequestCore(opts: {
  baseUrl: string;
  timeoutMs: number;
  logger: Logger;
  signer: DeviceSigner;
  clock: ApiClock;
  userAgent?: string;
  /** Extra CAs to trust besides the system's (transport.ts); TLS is verified either way. */
  ca?: string | Buffer;
}): RequestCore {
  const { logger, signer, clock } = opts;
  // Redirects are not followed (an API never redirects; a redirect is a captive portal or a
  // misconfigured URL) and every status comes back: what it means is response.ts's decision.
  const transport = buildTransport({ baseUrl: opts.baseUrl, maxResponseBytes: MAX_RESPONSE_BYTES, ...(opts.ca !== undefined && { ca: opts.ca }) });
  const userAgent = opts.userAgent ?? 'kiosk-dich-vu-cong';

  const logPathOf = (call: Call) => call.logPath ?? call.path;

  async function once(
    call: Call,
    json: string | undefined,
  ): Promise<Result<RawResponse & { date: string | undefined }, ClientError>> {
    const key = call.signAs ?? signer.current();
    if (!key && !call.public) return err({ kind: 'not_enrolled' });
    const bodySha256 = call.upload ? call.upload.sha256 : json !== undefined ? sha256Hex(json) : EMPTY_SHA256;
    const sentAt = Date.now();
    const headers: OutgoingHttpHeaders = { Accept: 'application/json', 'User-Agent': userAgent };
    // A bodiless request carries no Content-Type: the API rejects a typed empty body.
    if (call.upload) {
      headers['Content-Type'] = 'application/octet-stream';
      headers['Content-Length'] = call.upload.size;
    } else if (json !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = Buffer.byteLength(json);
    }
    if (call.accessToken) headers.Authorization = `Bearer ${call.accessToken}`;
    if (call.ifNoneMatch) headers['If-None-Match'] = call.ifNoneMatch;
    if (call.idempotencyKey) headers['Idempotency-Key'] = call.idempotencyKey;
    if (key) {
      Object.assign(
        headers,
        signatureHeadersFor(key.deviceId, key.privateKey, {
          method: call.method,
          target: call.path,
          idempotencyKey: call.idempotencyKey ?? null,
          bodySha256,
          nowMs: clock.now(),
        }),
      );
    }
    const sent = await transport.send({
      method: call.method,
      path: call.path,
      headers,
      body: call.upload ? () => call.upload!.open() : json,
      timeoutMs: call.upload ? opts.timeoutMs + Math.ceil((call.upload.size / MIN_UPLOAD_BYTES_PER_SECOND) * 1000) : opts.timeoutMs,
      ...(call.maxResponseBytes !== undefined && { maxResponseBytes: call.maxResponseBytes }),
    });
    if (!sent.ok) {
      logger.warn('provincial_api.request', {
        method: call.method,
        path: logPathOf(call),
        outcome: sent.error.error.kind,
        errorCode: sent.error.code,
        ms: Date.now() - sentAt,
      });
      return err(sent.error.error);
    }
    const header = (name: string) => {
      const v = sent.value.headers[name];
      return typeof v === 'string' ? v : undefined;
    };
    const date = header('date');
    clock.observe(date, sentAt, Date.now());
    return ok({ status: sent.value.status, body: sent.value.body, retryAfterHeader: header('retry-after'), etag: header('etag'), date });
  }

  const exchange: Exchange = async (call) => {
    const json = call.body === undefined ? undefined : JSON.stringify(call.body);
    const offsetBefore = clock.offsetMs();
    const first = await once(call, json);
    if (!first.ok || first.value.status !== 401 || !/"code"\s*:\s*"clock_skew"/.test(first.value.body)) return first;
    // The refusal's Date header taught the clock how far off it was: sign again with that time.
    const shift = Math.abs((clock.offsetMs() ?? 0) - (offsetBefore ?? 0));
    if (shift < SKEW_RETRY_MIN_SHIFT_MS) return first;
    logger.warn('provincial_api.clock_corrected', { path: logPathOf(call), offsetMs: clock.offsetMs() ?? 0 });
    return once(call, json);
  };

  const interpret: Interpret = (call, raw, schema, startedMs) => {
    let schemaIssue: string | undefined;
    const result = interpretResponse(raw, schema, (issue) => (schemaIssue = issue));
    const fields = {
      method: call.method,
      path: logPathOf(call),
      status: raw.status,
      ms: Math.round(performance.now() - startedMs),
    };
    if (result.ok) {
      logger.debug('provincial_api.request', { ...fields, outcome: 'ok' });
      // Public calls are not checked by the API, so only a signed one says the enrolment holds.
      if (!call.public && !call.signAs) signer.observe?.('accepted');
      return result;
    }
    const apiCode = result.error.kind === 'api' ? result.error.code : undefined;
    // Which rule an answer broke (a path and a rule, never a value), so IT can tell a catalogue
    // over the kiosk's cap from a broken one.
    logger.warn('provincial_api.request', { ...fields, outcome: result.error.kind, apiCode, ...(schemaIssue && { schemaIssue }) });
    if (!call.signAs && apiCode === 'device_revoked') signer.observe?.('revoked');
    if (!call.signAs && apiCode === 'device_unauthorized') signer.observe?.('refused');
    return result;
  };

  const send: Send = async (call, schema) => {
    const started = performance.now();
    const raw = await exchange(call);
    return raw.ok ? interpret(call, raw.value, schema, started) : raw;
  };

  return {
    send,
    exchange,
    interpret,
    logAnswer: (call, status, outcome) => logger.info('provincial_api.request', { method: call.method, path: logPathOf(call), status, outcome }),
  };
}
