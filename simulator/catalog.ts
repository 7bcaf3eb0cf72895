import { AdminUnitsCatalog } from '../common/domain/admin-units';
import seed from './seed/admin-units.json';
import type { SimCatalogState } from './control-schemas';

/**
 * The API's catalog of administrative units, served from the sample seed (simulator/seed/
 * admin-units.json, copied from ../shared/data). Tests switch it to a newer version or to a
 * broken one (/__sim/catalog) to check that the kiosk refreshes by ETag and refuses bad data.
 */
export type CatalogMode = SimCatalogState['mode'];

export interface SimCatalog {
  /** The valid catalog the simulator checks addresses against. */
  current(): AdminUnitsCatalog;
  /** What GET /v1/catalog/admin-units sends, with its ETag. */
  served(): { etag: string; body: unknown };
  setMode(mode: CatalogMode): void;
  mode(): CatalogMode;
  reset(): void;
}

export const seedCatalog: AdminUnitsCatalog = AdminUnitsCatalog.parse({
  version: seed.version,
  sample: true,
  provinces: seed.provinces,
});

export function buildSimCatalog(): SimCatalog {
  let mode: CatalogMode = 'seed';
  const updated: AdminUnitsCatalog = { ...seedCatalog, version: `${seedCatalog.version}+updated` };
  const current = () => (mode === 'updated' ? updated : seedCatalog);
  return {
    current,
    served() {
      if (mode === 'invalid') {
        // A new version whose communes have lost their codes: valid JSON, wrong shape.
        const version = `${seedCatalog.version}+broken`;
        const body = { ...seedCatalog, version, provinces: seedCatalog.provinces.map((p) => ({ ...p, communes: p.communes.map(({ name, type }) => ({ name, type })) })) };
        return { etag: `"${version}"`, body };
      }
      const c = current();
      return { etag: `"${c.version}"`, body: c };
    },
    setMode(next) {
      mode = next;
    },
    mode: () => mode,
    reset() {
      mode = 'seed';
    },
  };
}
