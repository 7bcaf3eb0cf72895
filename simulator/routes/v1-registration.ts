import type { FastifyInstance } from 'fastify';
import { ResendOtpRequest, VerifyOtpRequest } from '../../common/provincial/schemas';
import { ComplaintRequest, SetPasswordRequest } from '../../common/provincial/registration-schemas';
import type { SimCatalog } from '../catalog';
import type { ComplaintLedger } from '../complaints';
import { parseBody, sendFailure } from '../http';
import type { RegistrationService } from '../registration';

/** Registration, password reset, complaints and the catalog, as openapi.yaml describes them. */
export function registerRegistrationRoutes(
  app: FastifyInstance,
  deps: { registration: RegistrationService; complaints: ComplaintLedger; catalog: SimCatalog },
): void {
  const { registration, complaints, catalog } = deps;

  app.post('/v1/registrations', async (request, reply) => {
    const result = registration.start(request.body);
    return result.ok ? result.value : sendFailure(reply, result.error);
  });

  app.post('/v1/registrations/complete', async (request, reply) => {
    const input = parseBody(SetPasswordRequest, request.body);
    if (!input.ok) return sendFailure(reply, input.error);
    const result = registration.complete(input.value);
    return result.ok ? reply.code(201).send(result.value) : sendFailure(reply, result.error);
  });

  app.post('/v1/password-resets', async (request, reply) => {
    const result = registration.startPasswordReset(request.body);
    return result.ok ? result.value : sendFailure(reply, result.error);
  });

  app.post('/v1/password-resets/complete', async (request, reply) => {
    const input = parseBody(SetPasswordRequest, request.body);
    if (!input.ok) return sendFailure(reply, input.error);
    const result = registration.completePasswordReset(input.value);
    return result.ok ? reply.code(204).send() : sendFailure(reply, result.error);
  });

  app.post('/v1/verifications/otp/verify', async (request, reply) => {
    const input = parseBody(VerifyOtpRequest, request.body);
    if (!input.ok) return sendFailure(reply, input.error);
    const result = registration.verifyOtp(input.value);
    return result.ok ? result.value : sendFailure(reply, result.error);
  });

  app.post('/v1/verifications/otp/resend', async (request, reply) => {
    const input = parseBody(ResendOtpRequest, request.body);
    if (!input.ok) return sendFailure(reply, input.error);
    const result = registration.resendOtp(input.value);
    return result.ok ? result.value : sendFailure(reply, result.error);
  });

  // Exactly once per idempotencyKey: 201 the first time, 200 with the same receipt on a replay.
  app.post('/v1/complaints', async (request, reply) => {
    const input = parseBody(ComplaintRequest, request.body);
    if (!input.ok) return sendFailure(reply, input.error);
    const { created, receipt } = complaints.receive(input.value);
    return reply.code(created ? 201 : 200).send(receipt);
  });

  app.get('/v1/catalog/admin-units', async (request, reply) => {
    const { etag, body } = catalog.served();
    void reply.header('etag', etag).header('cache-control', 'no-cache');
    const ifNoneMatch = request.headers['if-none-match'];
    if (typeof ifNoneMatch === 'string' && ifNoneMatch.split(',').some((t) => t.trim() === etag)) return reply.code(304).send();
    return body;
  });
}
