import type { FastifyInstance } from 'fastify';
import { HeartbeatRequest } from '../../common/provincial/heartbeat-schemas';
import { jsonKeepingRawBody } from '../device-auth';
import type { HeartbeatLog } from '../heartbeats';
import { parseBody, sendFailure } from '../http';

/** A heartbeat is a few hundred bytes of numbers; anything larger is not one. */
const HEARTBEAT_BODY_LIMIT = 8 * 1024;

/** POST /v1/kiosks/heartbeat (openapi.yaml, tag "kiosks"): signed by the kiosk (device-auth.ts). */
export function registerKioskRoutes(app: FastifyInstance, deps: { heartbeats: HeartbeatLog }): void {
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: HEARTBEAT_BODY_LIMIT },
      jsonKeepingRawBody(scope),
    );

    scope.post('/v1/kiosks/heartbeat', async (request, reply) => {
      const input = parseBody(HeartbeatRequest, request.body);
      if (!input.ok) return sendFailure(reply, input.error);
      const entry = deps.heartbeats.record(request.deviceId, input.value);
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
