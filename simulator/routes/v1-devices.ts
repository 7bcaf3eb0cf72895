import type { FastifyInstance } from 'fastify';
import { EnrolmentRequest, SimEnrolmentCodeRequest } from '../../common/provincial/device-schemas';
import { publicKeyFromBase64, sha256Hex } from '../../common/provincial/request-signing';
import type { DeviceRegistry } from '../devices';
import { failure } from '../failure';
import { parseBody, sendFailure } from '../http';

/**
 * Kiosk enrolment and the kiosk's own view of it (openapi.yaml, tag "devices"). Enrolment is
 * public (the kiosk has no enrolled key yet) but must be signed with the key it enrols.
 */
export function registerDeviceRoutes(app: FastifyInstance, deps: { devices: DeviceRegistry }): void {
  const { devices } = deps;

  app.post('/v1/device-enrolments', async (request, reply) => {
    const input = parseBody(EnrolmentRequest, request.body);
    if (!input.ok) return sendFailure(reply, input.error);
    const publicKey = publicKeyFromBase64(input.value.publicKey);
    if (!publicKey)
      return sendFailure(reply, failure(400, 'invalid_request', 'publicKey: must be an Ed25519 public key, SPKI DER in base64.'));
    const enrolled = devices.enrol(request, { ...input.value, publicKey }, sha256Hex(request.rawBody ?? ''));
    if (!enrolled.ok) return sendFailure(reply, enrolled.error);
    return reply.code(201).send({ deviceId: enrolled.value.deviceId, enrolledAt: enrolled.value.enrolledAt });
  });

  app.get('/v1/devices/self', async (request) => {
    const device = devices.get(request.deviceId)!;
    return { deviceId: device.deviceId, status: 'active', enrolledAt: device.enrolledAt };
  });
}

/** IT's side of enrolment, simulated: issue a one-time code for a kiosk, revoke a kiosk, list them. */
export function registerDeviceSimControls(app: FastifyInstance, deps: { devices: DeviceRegistry }): void {
  const { devices } = deps;

  app.post('/__sim/enrolment-codes', async (request, reply) => {
    const input = parseBody(SimEnrolmentCodeRequest, request.body);
    if (!input.ok) return sendFailure(reply, input.error);
    return reply.code(201).send(devices.issueCode(input.value.kioskId, input.value.ttlSeconds));
  });

  app.get('/__sim/devices', async () => ({ devices: devices.list() }));

  app.post<{ Params: { deviceId: string } }>('/__sim/devices/:deviceId/revoke', async (request, reply) => {
    if (!devices.revoke(request.params.deviceId)) return sendFailure(reply, failure(404, 'invalid_request', 'No such device.'));
    return reply.code(204).send();
  });
}
