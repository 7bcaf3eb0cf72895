import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sha256Hex } from '../common/provincial/request-signing';
import type { SimClock } from './clock';
import type { DeviceRegistry } from './devices';
import { sendFailure } from './http';

declare module 'fastify' {
  interface FastifyRequest {
    /** The bytes of a JSON body as received: the signature covers their SHA-256. */
    rawBody?: Buffer;
    /** The enrolled kiosk that signed this request (every /v1 route but the public ones). */
    deviceId: string;
  }
}

/** Routes any client may call unsigned: the health check, and enrolment (signed by the key it enrols). */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set(['GET /v1/health', 'POST /v1/device-enrolments']);

const EMPTY_SHA256 = sha256Hex('');

/**
 * A JSON body parser that keeps the raw bytes (the signature covers them) and otherwise behaves
 * as fastify's own (the same errors for empty, malformed or prototype-poisoning bodies).
 */
export function jsonKeepingRawBody(app: FastifyInstance) {
  const parse = app.getDefaultJsonParser('error', 'error');
  return (request: FastifyRequest, body: string | Buffer, done: (err: Error | null, value?: unknown) => void) => {
    request.rawBody = Buffer.isBuffer(body) ? body : Buffer.from(body);
    // fastify's parser reads the bytes as text (secure-json-parse); handed a string, as it would be.
    parse(request, request.rawBody.toString('utf8'), done);
  };
}

/**
 * Every /v1 request but the public ones must be signed by an active enrolled kiosk
 * (common/provincial/request-signing.ts); every answer carries the API's clock in its Date
 * header, which is how a kiosk measures its offset (and signs with the API's time).
 * Installed before any route, so no route can forget it.
 */
export function installDeviceAuth(app: FastifyInstance, deps: { devices: DeviceRegistry; clock: SimClock }): void {
  app.decorateRequest('rawBody', undefined);
  app.decorateRequest('deviceId', '');
  // JSON (and octet-stream uploads, in their route's scope) only: a body whose bytes are not kept
  // could not be checked against its signature.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, jsonKeepingRawBody(app));

  app.addHook('onSend', async (_request, reply) => {
    void reply.header('date', deps.clock.now().toUTCString());
  });

  app.addHook('preHandler', async (request, reply) => {
    const route = request.routeOptions.url;
    // Unknown routes answer 404 as before; /__sim controls are the simulator's, not the API's.
    if (route === undefined || !route.startsWith('/v1/') || PUBLIC_ROUTES.has(`${request.method} ${route}`)) return;
    const upload = request.method === 'PUT' && route === '/v1/uploads/:sha256';
    const pathSha = (request.params as { sha256?: string }).sha256 ?? '';
    // An upload's body is streamed and checked against the SHA-256 in its path after this.
    const bodySha256 = upload ? pathSha : request.rawBody ? sha256Hex(request.rawBody) : EMPTY_SHA256;
    const device = deps.devices.verify(request, bodySha256);
    if (!device.ok) {
      if (upload) (request.body as Readable | undefined)?.resume?.();
      return sendFailure(reply, device.error);
    }
    request.deviceId = device.value;
  });
}
