import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DossierStatus } from '../../common/provincial/dossier-status';
import type { DossierStatusBoard } from '../dossier-status';
import { failure } from '../failure';
import { parseBody, sendFailure } from '../http';

const Code = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/);

/**
 * The public status lookup by dossier code (openapi.yaml, GET /v1/dossiers/{code}/status): no
 * login, as on the portal, so it says nothing about the citizen — only where the dossier stands.
 * And its simulator control, POST /__sim/dossiers/{code}/status.
 */
export function registerDossierStatusRoutes(app: FastifyInstance, deps: { board: DossierStatusBoard }): void {
  app.get<{ Params: { code: string } }>('/v1/dossiers/:code/status', async (request, reply) => {
    const code = Code.safeParse(request.params.code);
    if (!code.success) return sendFailure(reply, failure(400, 'invalid_request', 'Dossier code: letters, digits, dot, dash or underscore.'));
    const found = deps.board.lookup(code.data);
    return found ?? sendFailure(reply, failure(404, 'dossier_not_found', 'No dossier has this code.'));
  });

  app.post<{ Params: { code: string } }>('/__sim/dossiers/:code/status', async (request, reply) => {
    const body = parseBody(z.object({ status: DossierStatus }).strict(), request.body);
    if (!body.ok) return sendFailure(reply, body.error);
    const moved = deps.board.set(request.params.code, body.value.status);
    return moved ?? sendFailure(reply, failure(404, 'dossier_not_found', 'No dossier has this code.'));
  });
}
