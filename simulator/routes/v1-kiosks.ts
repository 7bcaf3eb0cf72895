import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HeartbeatRequest } from '../../common/provincial/heartbeat-schemas';
import { sha256Hex } from '../../common/provincial/device-auth';
import type { DeviceRegistry } from '../devices';
import type { HeartbeatLog } from '../heartbeats';
import { parseBody, sendFailure } from '../http';

/** A heartbeat is a few hundred bytes of numbers; anything larger is not one. */
const HEARTBEAT_BODY_LIMIT = 8 * 1024;

type RawRequest = FastifyRequest & { rawBody?: Buffer };

/** POST /v1/kiosks/heartbeat (openapi.yaml, tag "kiosks"): signed by the kiosk as a device. */
export function registerKioskRoutes(app: FastifyInstance, deps: { heartbeats: HeartbeatLog; devices: DeviceRegistry }): void {
  void app.register(async (scope) => {
    // The signature covers the bytes as sent: keep them beside the parsed body.
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: HEARTBEAT_BODY_LIMIT },
      (request, body, done) => {
        (request as RawRequest).rawBody = body as Buffer;
        try {
          done(null, JSON.parse((body as Buffer).toString('utf8')));
        } catch {
          done(Object.assign(new Error('invalid JSON'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }), undefined);
        }
      },
    );

    scope.post('/v1/kiosks/heartbeat', async (request, reply) => {
      const device = deps.devices.verify(request, sha256Hex((request as RawRequest).rawBody ?? ''));
      if (!device.ok) return sendFailure(reply, device.error);
      const input = parseBody(HeartbeatRequest, request.body);
      if (!input.ok) return sendFailure(reply, input.error);
      const entry = deps.heartbeats.record(device.value, input.value);
      return { receivedAt: entry.receivedAt };
    });
  });
}

/** Simulator-only: the heartbeats received, newest last; DELETE forgets them. */
export function registerHeartbeatSimControls(app: FastifyInstance, deps: { heartbeats: HeartbeatLog }): void {
  app.get('/__sim/heartbeats', async () => ({ heartbeats: deps.heartbeats.list() }));
  app.delete('/__sim/heartbeats', async (_request, reply) => {
    deps.heartbeats.reset();
    return reply.code(204).send();
  });
}
