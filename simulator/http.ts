import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { err, ok, type Result } from '../common/result';
import { failure, type ApiFailure } from './failure';

/** What a rejected field must look like, said plainly (zod's own "Invalid" helps nobody). */
const fieldHints: Record<string, string> = {
  username: 'must be a CMND (9 digits) or CCCD (12 digits) number, digits only',
  password: 'must be a string of 1 to 128 characters',
  challengeId: 'must be the challengeId returned by /v1/auth/login (8 to 128 characters)',
  otp: 'must be exactly 6 digits',
};

export function parseBody<S extends z.ZodTypeAny>(schema: S, body: unknown): Result<z.output<S>, ApiFailure> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    return err(failure(400, 'invalid_request', 'Request body must be a JSON object.'));
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return ok(parsed.data);
  const problems = parsed.error.issues.map((issue) => {
    const field = issue.path.join('.') || '(body)';
    const hint = fieldHints[field];
    return issue.code === 'invalid_type' && issue.received === 'undefined'
      ? `${field}: is required`
      : `${field}: ${hint ?? issue.message}`;
  });
  return err(failure(400, 'invalid_request', `Invalid request: ${problems.join('; ')}.`));
}

export function sendFailure(reply: FastifyReply, { status, body }: ApiFailure): FastifyReply {
  const retryAfter = body.error.retryAfterSeconds;
  if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
  return reply.code(status).send(body);
}

/** The token of an `Authorization: Bearer …` header, or null when absent or malformed. */
export function bearerToken(request: FastifyRequest): string | null {
  const match = /^Bearer ([A-Za-z0-9._~+/=-]{16,512})$/.exec(request.headers.authorization ?? '');
  return match?.[1] ?? null;
}
