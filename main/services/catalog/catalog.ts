import { AdminUnitsCatalog } from '../../../common/domain/admin-units';
import { AgenciesCatalog, ProceduresCatalog } from '../../../common/domain/procedures';
import { WorkCalendarDataset } from '../../../common/domain/working-days';
import type { Logger } from '../../log';
import type { Db } from '../../store/db';
import type { ProvincialClient } from '../provincial-api/client';
import { buildCatalogDataset, type CatalogDataset } from './catalog-dataset';

/**
 * The kiosk's catalogs from the provincial API. Add a dataset (procedures, agencies) here: a name,
 * its schema, and the client call that fetches it by ETag; the cache table needs no change.
 */
export interface Catalog {
  adminUnits: CatalogDataset<AdminUnitsCatalog>;
  procedures: CatalogDataset<ProceduresCatalog>;
  agencies: CatalogDataset<AgenciesCatalog>;
  workCalendar: CatalogDataset<WorkCalendarDataset>;
}

export function buildCatalog(deps: { db: Db; client: ProvincialClient; now: () => Date; logger: Logger; refreshAfterSeconds?: number }): Catalog {
  const common = { db: deps.db, now: deps.now, logger: deps.logger, refreshAfterSeconds: deps.refreshAfterSeconds ?? 15 * 60 };
  return {
    adminUnits: buildCatalogDataset({
      ...common,
      source: {
        name: 'admin-units',
        schema: AdminUnitsCatalog,
        versionOf: (c) => c.version,
        fetch: (etag) => deps.client.adminUnits(etag),
      },
    }),
    procedures: buildCatalogDataset({
      ...common,
      source: { name: 'procedures', schema: ProceduresCatalog, versionOf: (c) => c.version, fetch: (etag) => deps.client.procedures(etag) },
    }),
    agencies: buildCatalogDataset({
      ...common,
      source: { name: 'agencies', schema: AgenciesCatalog, versionOf: (c) => c.version, fetch: (etag) => deps.client.agencies(etag) },
    }),
    workCalendar: buildCatalogDataset({
      ...common,
      source: { name: 'work-calendar', schema: WorkCalendarDataset, versionOf: (c) => c.version, fetch: (etag) => deps.client.workCalendar(etag) },
    }),
  };
}
