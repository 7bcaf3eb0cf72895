import { createHash } from 'node:crypto';
import { MAX_PROCEDURES, type AgenciesCatalog, type ProceduresCatalog } from '../common/domain/procedures';
import { grownCatalogues } from './seed/national-catalogue';
import { sampleAgenciesCatalog, sampleProceduresCatalog } from './seed/procedure-catalog';

/**
 * The API's procedure and agency catalogs, served from the sample seed. Tests switch them
 * (POST /__sim/procedure-catalog) to a newer version, to a schema-invalid one or to a corrupt
 * (non-JSON) body, to check that the kiosk refreshes by ETag and refuses bad data; and to a
 * national-size one (6,000 procedures) or one a procedure over the kiosk's cap, to check that
 * the first arrives whole and the second changes nothing.
 */
export const ProcedureCatalogModes = ['seed', 'updated', 'invalid', 'corrupt', 'national', 'oversized'] as const;
/** How many procedures the 'national' catalogue has: about the national portal's count today. */
export const NATIONAL_PROCEDURE_COUNT = 6000;
export type ProcedureCatalogMode = (typeof ProcedureCatalogModes)[number];

export interface Served {
  etag: string;
  /** The body exactly as sent (a string, so 'corrupt' can send something that is not JSON). */
  text: string;
}

export interface SimProcedureCatalog {
  procedures(): Served;
  agencies(): Served;
  current(): { procedures: ProceduresCatalog; agencies: AgenciesCatalog };
  setMode(mode: ProcedureCatalogMode): void;
  mode(): ProcedureCatalogMode;
  reset(): void;
}

const etagOf = (text: string) => `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;

function serve(body: unknown): Served {
  const text = JSON.stringify(body);
  return { etag: etagOf(text), text };
}

/** The "updated" catalog: a new version in which one procedure's fee changed, as a real update would. */
function updated(): { procedures: ProceduresCatalog; agencies: AgenciesCatalog } {
  const version = `${sampleProceduresCatalog.version}+updated`;
  return {
    procedures: {
      ...sampleProceduresCatalog,
      version,
      procedures: sampleProceduresCatalog.procedures.map((p, i) => (i === 0 ? { ...p, fee: `${p.fee ?? ''} (cập nhật)`.trim() } : p)),
    },
    agencies: { ...sampleAgenciesCatalog, version },
  };
}

export function buildSimProcedureCatalog(): SimProcedureCatalog {
  let mode: ProcedureCatalogMode = 'seed';
  const seed = { procedures: sampleProceduresCatalog, agencies: sampleAgenciesCatalog };
  const next = updated();
  // Generated when first asked for (the oversized one is tens of megabytes), then kept.
  const grown = new Map<ProcedureCatalogMode, { procedures: ProceduresCatalog; agencies: AgenciesCatalog }>();
  const grow = (m: 'national' | 'oversized') => {
    const count = m === 'national' ? NATIONAL_PROCEDURE_COUNT : MAX_PROCEDURES + 1;
    if (!grown.has(m)) grown.set(m, grownCatalogues(seed, count, `${sampleProceduresCatalog.version}+${m}`));
    return grown.get(m)!;
  };
  const current = () => (mode === 'updated' ? next : mode === 'national' || mode === 'oversized' ? grow(mode) : seed);

  function served(which: 'procedures' | 'agencies'): Served {
    if (mode === 'corrupt') {
      // A body cut off mid-way, as a broken proxy or a full disk on the server would send it.
      const text = JSON.stringify(seed[which]).slice(0, 200);
      return { etag: etagOf(`corrupt-${which}`), text };
    }
    if (mode === 'invalid') {
      // Valid JSON of a new version in which every entry lost its code/id: the wrong shape.
      const version = `${seed[which].version}+broken`;
      const body =
        which === 'procedures'
          ? { ...seed.procedures, version, procedures: seed.procedures.procedures.map(({ code: _code, ...rest }) => rest) }
          : { ...seed.agencies, version, agencies: seed.agencies.agencies.map(({ id: _id, ...rest }) => rest) };
      return serve(body);
    }
    return serve(current()[which]);
  }

  return {
    procedures: () => served('procedures'),
    agencies: () => served('agencies'),
    current,
    setMode(m) {
      mode = m;
    },
    mode: () => mode,
    reset() {
      mode = 'seed';
    },
  };
}
