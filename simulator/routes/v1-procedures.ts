import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CaptchaVerifyRequest } from '../../common/provincial/procedure-schemas';
import type { SimCaptcha } from '../captcha';
import type { SimProcedureCatalogState } from '../control-schemas';
import { parseBody, sendFailure } from '../http';
import { ProcedureCatalogModes, type Served, type SimProcedureCatalog } from '../procedure-catalog';
import { WorkCalendarDataset } from '../../common/domain/working-days';
import type { SimWorkCalendar } from '../work-calendar';

/** The procedure and agency catalogs and the verification codes, as openapi.yaml describes them. */
export function registerProcedureRoutes(
  app: FastifyInstance,
  deps: { catalog: SimProcedureCatalog; captcha: SimCaptcha; workCalendar: SimWorkCalendar },
): void {
  const { catalog, captcha } = deps;

  function sendCatalog(request: FastifyRequest, reply: FastifyReply, served: Served) {
    void reply.header('etag', served.etag).header('cache-control', 'no-cache');
    const ifNoneMatch = request.headers['if-none-match'];
    if (typeof ifNoneMatch === 'string' && ifNoneMatch.split(',').some((t) => t.trim() === served.etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(served.text);
  }

  app.get('/v1/catalog/procedures', async (request, reply) => sendCatalog(request, reply, catalog.procedures()));
  app.get('/v1/catalog/agencies', async (request, reply) => sendCatalog(request, reply, catalog.agencies()));
  app.get('/v1/catalog/work-calendar', async (request, reply) => sendCatalog(request, reply, deps.workCalendar.served()));

  app.get('/v1/captcha', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
    return captcha.issue();
  });

  app.post('/v1/captcha/verify', async (request, reply) => {
    const input = parseBody(CaptchaVerifyRequest, request.body);
    if (!input.ok) return sendFailure(reply, input.error);
    return { valid: captcha.verify(input.value.captchaId, input.value.answer) };
  });
}

const CatalogChange = z.object({ mode: z.enum(ProcedureCatalogModes) }).strict();

/** Simulator-only: switch the procedure/agency catalogs; read the newest verification code. */
export function registerProcedureSimControls(
  app: FastifyInstance,
  deps: { catalog: SimProcedureCatalog; captcha: SimCaptcha; workCalendar: SimWorkCalendar },
): void {
  const state = (): SimProcedureCatalogState => ({ mode: deps.catalog.mode(), proceduresEtag: deps.catalog.procedures().etag, agenciesEtag: deps.catalog.agencies().etag });

  app.get('/__sim/procedure-catalog', async () => state());

  app.post('/__sim/procedure-catalog', async (request, reply) => {
    const change = parseBody(CatalogChange, request.body);
    if (!change.ok) return sendFailure(reply, change.error);
    deps.catalog.setMode(change.value.mode);
    return state();
  });

  app.get('/__sim/work-calendar', async () => deps.workCalendar.current());

  /** The province publishes a new calendar (a new year, a changed Tết): the kiosks fetch it by ETag. */
  app.post('/__sim/work-calendar', async (request, reply) => {
    const next = parseBody(WorkCalendarDataset, request.body);
    if (!next.ok) return sendFailure(reply, next.error);
    deps.workCalendar.replace(next.value);
    return deps.workCalendar.current();
  });

  app.get('/__sim/captcha/latest', async (_request, reply) => {
    const latest = deps.captcha.latest();
    if (!latest) return reply.code(404).send({ error: { code: 'invalid_request', message: 'No verification code has been issued.' } });
    return latest;
  });
}
