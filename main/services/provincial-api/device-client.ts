import type { Readable } from 'node:stream';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { AxiosRequestConfig } from 'axios';
import type { z } from 'zod';
import { ApiErrorBody, HealthResponse as HealthShape } from '../../../common/provincial/schemas';
import { deviceAuthHeaders, sha256Hex, type DeviceCredential } from '../../../common/provincial/device-auth';
import {
  DossierIntakeResponse,
  UploadReceipt,
  type DossierIntakeRequest,
} from '../../../common/provincial/dossier-schemas';
import { ComplaintReceipt } from '../../../common/provincial/registration-schemas';
import { HeartbeatResponse, type HeartbeatRequest } from '../../../common/provincial/heartbeat-schemas';
import type { ComplaintSubmission } from '../../../common/domain/dossier';
import { err, type Result } from '../../../common/result';
import type { Logger } from '../../log';
import type { ClientError } from './client';
import { createApiHttp } from './http';
import { classifyTransportError, interpretResponse, type RawResponse } from './response';

/**
 * The part of the provincial API a kiosk calls as a *device* (no citizen session): dossier intake
 * and attachment upload, each request signed with the kiosk's credential (device-auth.ts).
 * Failures carry the API's own message, which the outbox shows a clerk when a dossier is refused.
 */
export type DeviceClientError = ClientError & { message?: string };

export interface DeviceClient {
  health(): Promise<Result<{ time: string }, DeviceClientError>>;
  /** Whether the API already holds this attachment (resuming an interrupted delivery). */
  hasUpload(sha256: string): Promise<Result<boolean, DeviceClientError>>;
  /** Streams the file (`open` gives its bytes, once): memory does not grow with its size. */
  upload(file: { sha256: string; size: number; open(): Readable }): Promise<Result<UploadReceipt, DeviceClientError>>;
  submitDossier(idempotencyKey: string, body: DossierIntakeRequest): Promise<Result<DossierIntakeResponse, DeviceClientError>>;
  /** The ownership complaint ("khiếu nại"); the API dedupes on the key in the body. */
  submitComplaint(idempotencyKey: string, complaint: ComplaintSubmission): Promise<Result<ComplaintReceipt, DeviceClientError>>;
  /** The kiosk's health summary (counts and states only), so the province's own system sees it too. */
  heartbeat(body: HeartbeatRequest): Promise<Result<HeartbeatResponse, DeviceClientError>>;
}

/** A slow office link still moves this much; a large upload gets time in proportion. */
const MIN_UPLOAD_BYTES_PER_SECOND = 32 * 1024;

export function createDeviceClient(opts: {
  baseUrl: string;
  timeoutMs: number;
  device: DeviceCredential;
  logger: Logger;
  now?: () => number;
  userAgent?: string;
}): DeviceClient {
  const now = opts.now ?? Date.now;
  // Keep-alive: a drain of a thousand dossiers should not open two thousand connections.
  // Keep-alive: a drain of a thousand dossiers should not open two thousand connections. Upload
  // bodies are streamed from disk, so they have no size limit here (the API enforces its own).
  const http = createApiHttp(opts, {
    maxBodyLength: Infinity,
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 8 }),
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 8 }),
  });

  async function send<T>(
    req: { method: 'GET' | 'POST' | 'PUT'; path: string; bodySha256: string; logPath: string } & AxiosRequestConfig,
    schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  ): Promise<Result<T, DeviceClientError>> {
    const started = performance.now();
    const { bodySha256, logPath, path, ...config } = req;
    let raw: RawResponse;
    try {
      const response = await http.request<string>({
        ...config,
        url: path,
        headers: {
          ...(config.headers as Record<string, string> | undefined),
          ...deviceAuthHeaders(opts.device, { method: req.method, path, bodySha256, nowMs: now() }),
        },
      });
      const retryAfter: unknown = response.headers['retry-after'];
      raw = {
        status: response.status,
        body: typeof response.data === 'string' ? response.data : '',
        retryAfterHeader: typeof retryAfter === 'string' ? retryAfter : undefined,
      };
    } catch (error) {
      const { clientError, errorCode } = classifyTransportError(error);
      opts.logger.warn('provincial_api.request', { method: req.method, path: logPath, outcome: clientError.kind, errorCode });
      return err(clientError);
    }
    const result = interpretResponse(raw, schema);
    const ms = Math.round(performance.now() - started);
    if (result.ok) {
      opts.logger.debug('provincial_api.request', { method: req.method, path: logPath, status: raw.status, ms, outcome: 'ok' });
      return result;
    }
    opts.logger.warn('provincial_api.request', { method: req.method, path: logPath, status: raw.status, ms, outcome: result.error.kind });
    const body = (() => {
      try {
        return ApiErrorBody.safeParse(JSON.parse(raw.body));
      } catch {
        return undefined;
      }
    })();
    return err(body?.success ? { ...result.error, message: body.data.error.message } : result.error);
  }

  return {
    async health() {
      const r = await send({ method: 'GET', path: '/v1/health', bodySha256: sha256Hex(''), logPath: '/v1/health' }, HealthShape);
      return r.ok ? { ok: true, value: { time: r.value.time } } : r;
    },
    async hasUpload(sha256) {
      const r = await send(
        { method: 'GET', path: `/v1/uploads/${sha256}`, bodySha256: sha256Hex(''), logPath: '/v1/uploads/{sha256}' },
        UploadReceipt,
      );
      if (r.ok) return { ok: true, value: true };
      return r.error.kind === 'api' && r.error.status === 404 ? { ok: true, value: false } : r;
    },
    upload(file) {
      return send(
        {
          method: 'PUT',
          path: `/v1/uploads/${file.sha256}`,
          bodySha256: file.sha256,
          logPath: '/v1/uploads/{sha256}',
          data: file.open(),
          timeout: opts.timeoutMs + Math.ceil((file.size / MIN_UPLOAD_BYTES_PER_SECOND) * 1000),
          headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(file.size) },
        },
        UploadReceipt,
      );
    },
    submitDossier(idempotencyKey, body) {
      // Signed bytes are sent bytes: serialise once.
      const json = JSON.stringify(body);
      return send(
        {
          method: 'POST',
          path: '/v1/dossiers',
          bodySha256: sha256Hex(json),
          logPath: '/v1/dossiers',
          data: json,
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
        },
        DossierIntakeResponse,
      );
    },
    submitComplaint(idempotencyKey, c) {
      const json = JSON.stringify({ idempotencyKey, citizenId: c.citizenId, fullName: c.fullName, phone: c.phone, description: c.description });
      return send(
        { method: 'POST', path: '/v1/complaints', bodySha256: sha256Hex(json), logPath: '/v1/complaints', data: json, headers: { 'Content-Type': 'application/json' } },
        ComplaintReceipt,
      );
    },
    heartbeat(body) {
      const json = JSON.stringify(body);
      return send(
        { method: 'POST', path: '/v1/kiosks/heartbeat', bodySha256: sha256Hex(json), logPath: '/v1/kiosks/heartbeat', data: json, headers: { 'Content-Type': 'application/json' } },
        HeartbeatResponse,
      );
    },
  };
}
