import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SimCatalog } from '../catalog';
import type { ComplaintLedger } from '../complaints';
import { SimCatalogState } from '../control-schemas';
import { parseBody, sendFailure } from '../http';
import { otherPersonsPhone, unregisteredCitizens } from '../seed/subscribers';

/** Simulator-only controls for registration: the complaint ledger, the catalog version, demo subscribers. */
const CatalogChange = z.object({ mode: SimCatalogState.shape.mode }).strict();

export function registerRegistrationSimControls(app: FastifyInstance, deps: { complaints: ComplaintLedger; catalog: SimCatalog }): void {
  app.get('/__sim/complaints', async () => ({ complaints: deps.complaints.list() }));

  const state = (): SimCatalogState => ({ mode: deps.catalog.mode(), etag: deps.catalog.served().etag });
  app.get('/__sim/catalog', async () => state());

  app.post('/__sim/catalog', async (request, reply) => {
    const change = parseBody(CatalogChange, request.body);
    if (!change.ok) return sendFailure(reply, change.error);
    deps.catalog.setMode(change.value.mode);
    return state();
  });

  app.get('/__sim/subscribers', async () => ({ unregisteredCitizens, otherPersonsPhone }));
}
