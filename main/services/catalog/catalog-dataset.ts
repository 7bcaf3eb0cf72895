import type { z } from 'zod';
import { kioskError, type KioskError } from '../../../common/errors';
import { err, ok, type Result } from '../../../common/result';
import type { Logger } from '../../log';
import type { Db } from '../../store/db';
import { isStorageFault } from '../../store/storage-faults';
import type { CatalogFetch, ClientError } from '../provincial-api/types';
import { toKioskError } from '../provincial-api/errors';
import { buildCatalogRepository } from './repository';

/**
 * One catalog dataset (administrative units now; procedures and agencies later) kept in SQLite so
 * the kiosk works when the office is offline. Asks the API at most every `refreshAfterSeconds`
 * with the ETag of its copy; a new version replaces the copy only if it passes the schema, so a
 * broken catalog from the API never replaces a good one.
 */
export interface DatasetSource<T> {
  readonly name: string;
  readonly schema: z.ZodType<T, z.ZodTypeDef, unknown>;
  versionOf(value: T): string;
  fetch(etag: string | undefined): Promise<Result<CatalogFetch<T>, ClientError>>;
}

export interface CatalogValue<T> {
  value: T;
  version: string;
  /** True when the API could not be asked and this is the cached copy. */
  offline: boolean;
}

export interface CatalogDataset<T> {
  get(opts?: { refresh?: boolean }): Promise<Result<CatalogValue<T>, KioskError>>;
  /** The cached copy only, never the network (for checks that must not wait). */
  cached(): T | undefined;
}

export function buildCatalogDataset<T>(deps: {
  db: Db;
  source: DatasetSource<T>;
  now: () => Date;
  logger: Logger;
  refreshAfterSeconds: number;
}): CatalogDataset<T> {
  const { source, now, logger } = deps;
  const repository = buildCatalogRepository(deps.db);
  // Parsed once per stored version: the admin-unit list is read on every keystroke of a picker.
  let memo: { version: string; fetchedAt: string; value: T } | undefined;

  function loadCached(): { value: T; version: string; etag: string | null; checkedAt: string } | undefined {
    const row = repository.read(source.name);
    if (!row) return undefined;
    if (memo && memo.version === row.version && memo.fetchedAt === row.fetchedAt) return { ...row, value: memo.value };
    let json: unknown;
    try {
      json = JSON.parse(row.payload);
    } catch {
      json = undefined;
    }
    const parsed = source.schema.safeParse(json);
    if (!parsed.success) {
      // A damaged row is as good as none: fetch again rather than show a broken list.
      logger.error('catalog.cache_invalid', { dataset: source.name });
      return undefined;
    }
    memo = { version: row.version, fetchedAt: row.fetchedAt, value: parsed.data };
    return { ...row, value: parsed.data };
  }

  /** The copy on disk is a convenience: on a full or failing disk the fresh catalog is still served. */
  function cacheWrite(write: () => void): void {
    try {
      write();
    } catch (e) {
      if (!isStorageFault(e)) throw e;
      logger.warn('catalog.cache_write_failed', { dataset: source.name });
    }
  }

  return {
    cached: () => loadCached()?.value,
    async get(opts = {}) {
      const cached = loadCached();
      const at = now();
      const fresh = cached && at.getTime() - Date.parse(cached.checkedAt) < deps.refreshAfterSeconds * 1000;
      if (cached && fresh && !opts.refresh) return ok({ value: cached.value, version: cached.version, offline: false });

      const fetched = await source.fetch(cached?.etag ?? undefined);
      if (fetched.ok && fetched.value.notModified && cached) {
        cacheWrite(() => repository.markChecked(source.name, at.toISOString()));
        return ok({ value: cached.value, version: cached.version, offline: false });
      }
      if (fetched.ok && !fetched.value.notModified) {
        const { catalog, etag } = fetched.value;
        const version = source.versionOf(catalog);
        cacheWrite(() =>
          repository.write({
            name: source.name,
            version,
            etag: etag ?? null,
            payload: JSON.stringify(catalog),
            fetchedAt: at.toISOString(),
            checkedAt: at.toISOString(),
          }),
        );
        logger.info('catalog.updated', { dataset: source.name, version });
        return ok({ value: catalog, version, offline: false });
      }
      if (!fetched.ok && fetched.error.kind === 'bad_response') {
        logger.warn('catalog.rejected', { dataset: source.name, status: fetched.error.status, kept: cached?.version ?? null });
      }
      if (cached) return ok({ value: cached.value, version: cached.version, offline: true });
      if (!fetched.ok) {
        const e = toKioskError(fetched.error);
        return err(e.code === 'network_unavailable' ? e : kioskError('catalog_unavailable'));
      }
      return err(kioskError('catalog_unavailable'));
    },
  };
}
