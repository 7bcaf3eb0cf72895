import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { MAX_ATTACHMENT_BYTES, Sha256Hex } from '../../common/domain/dossier';
import { DossierIntakeRequest, IdempotencyKey } from '../../common/provincial/dossier-schemas';
import { sha256Hex } from '../../common/provincial/request-signing';
import { jsonKeepingRawBody } from '../device-auth';
import { failure } from '../failure';
import { uploadRate, type Faults } from '../faults';
import { parseBody, sendFailure } from '../http';
import type { IntakeStore } from '../intake';

/** A dossier with 30 attachments is about 10 KiB of JSON; this leaves room and no more. */
const INTAKE_BODY_LIMIT = 64 * 1024;

function throttle(bytesPerSecond: number): Transform {
  const started = Date.now();
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      const due = started + (seen / bytesPerSecond) * 1000 - Date.now();
      if (due <= 0) return done(null, chunk);
      sleep(due).then(() => done(null, chunk), done);
    },
  });
}

/**
 * Dossier intake and attachment upload (openapi.yaml, tag "dossiers"). The kiosk that signed the
 * request (device-auth.ts) is the device submitting; intake also names the citizen on whose
 * behalf it submits (the applicant).
 */
export function registerDossierRoutes(app: FastifyInstance, deps: { intake: IntakeStore; faults: Faults }): void {
  const { intake, faults } = deps;

  // Own parsers in this scope only: intake takes a larger JSON body, and uploads get the body as
  // a stream, so a 50 MB scan is hashed on the way and never buffered.
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: INTAKE_BODY_LIMIT }, jsonKeepingRawBody(scope));
    scope.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));

    scope.post('/v1/dossiers', async (request, reply) => {
      const key = IdempotencyKey.safeParse(request.headers['idempotency-key']);
      if (!key.success) {
        return sendFailure(reply, failure(400, 'invalid_request', 'Idempotency-Key header: is required (16–64 letters, digits, - or _).'));
      }
      const input = parseBody(DossierIntakeRequest, request.body);
      if (!input.ok) return sendFailure(reply, input.error);
      const result = intake.intake({
        deviceId: request.deviceId,
        idempotencyKey: key.data,
        // The parsed body, re-serialised: the same dossier sent twice compares equal.
        bodySha256: sha256Hex(JSON.stringify(input.value)),
        localRef: input.value.localRef,
        submission: input.value.submission,
      });
      return result.ok ? result.value : sendFailure(reply, result.error);
    });

    scope.put<{ Params: { sha256: string } }>('/v1/uploads/:sha256', async (request, reply) => {
      const body = request.body as Readable | undefined;
      const sha = Sha256Hex.safeParse(request.params.sha256);
      if (!sha.success || !body || typeof (body as Readable).pipe !== 'function') {
        body?.resume?.();
        return sendFailure(reply, failure(400, 'invalid_request', 'PUT /v1/uploads/{sha256}: lowercase hex SHA-256 in the path, application/octet-stream body.'));
      }
      const hash = createHash('sha256');
      let size = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          if (size > MAX_ATTACHMENT_BYTES) return done(new Error('too large'));
          hash.update(chunk);
          done();
        },
      });
      const rate = uploadRate(faults);
      try {
        await (rate ? pipeline(body, throttle(rate), counter) : pipeline(body, counter));
      } catch {
        if (size > MAX_ATTACHMENT_BYTES) {
          return sendFailure(reply, failure(400, 'invalid_request', `Attachment is larger than ${MAX_ATTACHMENT_BYTES} bytes.`));
        }
        // The client went away mid-upload: nothing recorded, it can simply send it again.
        return reply.code(400).send();
      }
      const actual = hash.digest('hex');
      if (actual !== sha.data || size === 0) {
        return sendFailure(reply, failure(422, 'attachment_mismatch', 'The uploaded bytes do not match the SHA-256 in the path.'));
      }
      intake.recordUpload(actual, size);
      return { sha256: actual, size };
    });

    // Lets a kiosk resume: an attachment the API already holds is not sent again.
    scope.get<{ Params: { sha256: string } }>('/v1/uploads/:sha256', async (request, reply) => {
      const sha = Sha256Hex.safeParse(request.params.sha256);
      if (!sha.success) return sendFailure(reply, failure(400, 'invalid_request', 'sha256: must be lowercase hex SHA-256.'));
      const size = intake.uploadSize(sha.data);
      if (size === null) return sendFailure(reply, failure(404, 'attachment_missing', 'No attachment with this SHA-256 was uploaded.'));
      return { sha256: sha.data, size };
    });
  });
}

export function registerLedgerRoute(app: FastifyInstance, deps: { intake: IntakeStore }): void {
  app.get('/__sim/ledger', async () => deps.intake.ledger());
}
