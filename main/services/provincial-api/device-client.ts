import type { KeyObject } from 'node:crypto';
import type { Readable } from 'node:stream';
import { HealthResponse } from '../../../common/provincial/schemas';
import { publicKeyToBase64 } from '../../../common/provincial/request-signing';
import { DeviceSelf, EnrolmentResponse } from '../../../common/provincial/device-schemas';
import { DossierIntakeResponse, UploadReceipt, type DossierIntakeRequest } from '../../../common/provincial/dossier-schemas';
import { ComplaintReceipt } from '../../../common/provincial/registration-schemas';
import { HeartbeatResponse, type HeartbeatRequest } from '../../../common/provincial/heartbeat-schemas';
import type { ComplaintSubmission } from '../../../common/domain/dossier';
import { ok, type Result } from '../../../common/result';
import type { ClientError, RequestCore, SigningKey } from './types';

/**
 * The part of the provincial API a kiosk calls as itself, with no citizen session: dossier intake
 * and attachment upload (a queued dossier is sent when its citizen is long gone), and its own
 * enrolment. On the same request core as the citizen's calls (request-core.ts); failures carry
 * the API's own message, which the outbox shows a clerk when a dossier is refused.
 */
export interface DeviceClient {
  health(): Promise<Result<{ time: string }, ClientError>>;
  /** The API's view of this kiosk: 403 device_revoked, 401 device_unauthorized, or who it is. */
  self(): Promise<Result<DeviceSelf, ClientError>>;
  /** Whether the API already holds this attachment (resuming an interrupted delivery). */
  hasUpload(sha256: string): Promise<Result<boolean, ClientError>>;
  /** Streams the file (`open` gives its bytes, once): memory does not grow with its size. */
  upload(file: { sha256: string; size: number; open(): Readable }): Promise<Result<UploadReceipt, ClientError>>;
  submitDossier(idempotencyKey: string, body: DossierIntakeRequest): Promise<Result<DossierIntakeResponse, ClientError>>;
  /** The ownership complaint ("khiếu nại"); the API dedupes on the key in the body. */
  submitComplaint(idempotencyKey: string, complaint: ComplaintSubmission): Promise<Result<ComplaintReceipt, ClientError>>;
  /** The kiosk's health summary (counts and states only), so the province's own system sees it too. */
  heartbeat(body: HeartbeatRequest): Promise<Result<HeartbeatResponse, ClientError>>;
  /** Enrols `key` as kiosk `key.deviceId` with IT's one-time code; the request is signed by that key. */
  enrol(code: string, key: SigningKey & { publicKey: KeyObject }): Promise<Result<EnrolmentResponse, ClientError>>;
}

export function buildDeviceClient(core: RequestCore): DeviceClient {
  const { send } = core;
  return {
    async health() {
      const r = await send({ method: 'GET', path: '/v1/health', public: true }, HealthResponse);
      return r.ok ? ok({ time: r.value.time }) : r;
    },
    self: () => send({ method: 'GET', path: '/v1/devices/self' }, DeviceSelf),
    async hasUpload(sha256) {
      const r = await send({ method: 'GET', path: `/v1/uploads/${sha256}`, logPath: '/v1/uploads/{sha256}' }, UploadReceipt);
      if (r.ok) return ok(true);
      return r.error.kind === 'api' && r.error.status === 404 ? ok(false) : r;
    },
    upload: (file) =>
      send({ method: 'PUT', path: `/v1/uploads/${file.sha256}`, logPath: '/v1/uploads/{sha256}', upload: file }, UploadReceipt),
    submitDossier: (idempotencyKey, body) =>
      send({ method: 'POST', path: '/v1/dossiers', body, idempotencyKey }, DossierIntakeResponse),
    submitComplaint: (idempotencyKey, c) =>
      send(
        {
          method: 'POST',
          path: '/v1/complaints',
          body: { idempotencyKey, citizenId: c.citizenId, fullName: c.fullName, phone: c.phone, description: c.description },
        },
        ComplaintReceipt,
      ),
    heartbeat: (body) => send({ method: 'POST', path: '/v1/kiosks/heartbeat', body }, HeartbeatResponse),
    enrol: (code, key) =>
      send(
        {
          method: 'POST',
          path: '/v1/device-enrolments',
          body: { code, kioskId: key.deviceId, publicKey: publicKeyToBase64(key.publicKey) },
          public: true,
          signAs: key,
        },
        EnrolmentResponse,
      ),
  };
}
