import type { FastifyInstance } from 'fastify';
import { LoginRequest, ResendOtpRequest, VerifyOtpRequest } from '../../common/provincial/schemas';
import type { AuthService } from '../auth';
import type { SimClock } from '../clock';
import { failure } from '../failure';
import { bearerToken, parseBody, sendFailure } from '../http';

/** The provincial API's health and login routes, as openapi.yaml describes them. */
export function registerAuthRoutes(app: FastifyInstance, deps: { auth: AuthService; clock: SimClock }): void {
  const { auth, clock } = deps;
  const unauthorized = failure(401, 'unauthorized', 'Missing, unknown or expired access token.');

  app.get('/v1/health', async () => ({ status: 'ok', time: clock.now().toISOString() }));

  app.post('/v1/auth/login', async (request, reply) => {
    const input = parseBody(LoginRequest, request.body);
    if (!input.ok) return sendFailure(reply, input.error);
    const result = auth.login(input.value);
    return result.ok ? result.value : sendFailure(reply, result.error);
  });

  app.post('/v1/auth/otp/verify', async (request, reply) => {
    const input = parseBody(VerifyOtpRequest, request.body);
    if (!input.ok) return sendFailure(reply, input.error);
    const result = auth.verifyOtp(input.value);
    return result.ok ? result.value : sendFailure(reply, result.error);
  });

  app.post('/v1/auth/otp/resend', async (request, reply) => {
    const input = parseBody(ResendOtpRequest, request.body);
    if (!input.ok) return sendFailure(reply, input.error);
    const result = auth.resendOtp(input.value);
    return result.ok ? result.value : sendFailure(reply, result.error);
  });

  app.get('/v1/citizens/me', async (request, reply) => {
    const token = bearerToken(request);
    if (!token) return sendFailure(reply, unauthorized);
    const result = auth.citizenFor(token);
    return result.ok ? result.value : sendFailure(reply, result.error);
  });

  // Idempotent: a kiosk wiping a session after a network blip must not be told it failed.
  app.post('/v1/auth/logout', async (request, reply) => {
    const token = bearerToken(request);
    if (!token) return sendFailure(reply, unauthorized);
    auth.logout(token);
    return reply.code(204).send();
  });
}
