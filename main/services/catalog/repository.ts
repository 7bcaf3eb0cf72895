import type { Db } from '../../store/db';

/**
 * The cached copy of each catalog dataset (migration 003): one row per dataset name, replaced
 * whole inside a transaction, so a reader never sees half of an update.
 */
export interface StoredDataset {
  name: string;
  version: string;
  etag: string | null;
  /** Undecoded JSON: the caller checks it against the dataset's schema before believing it. */
  payload: string;
  fetchedAt: string;
  checkedAt: string;
}

export function buildCatalogRepository(db: Db) {
  const select = db.prepare(
    `SELECT name, version, etag, payload, fetched_at AS fetchedAt, checked_at AS checkedAt
       FROM catalog_datasets WHERE name = @name`,
  );
  const upsert = db.prepare(
    `INSERT INTO catalog_datasets (name, version, etag, payload, fetched_at, checked_at)
     VALUES (@name, @version, @etag, @payload, @fetchedAt, @checkedAt)
     ON CONFLICT(name) DO UPDATE SET version = excluded.version, etag = excluded.etag,
       payload = excluded.payload, fetched_at = excluded.fetched_at, checked_at = excluded.checked_at`,
  );
  const touch = db.prepare('UPDATE catalog_datasets SET checked_at = @at WHERE name = @name');

  return {
    read: (name: string): StoredDataset | undefined => select.get({ name }) as StoredDataset | undefined,
    write: db.transaction((row: StoredDataset): void => {
      upsert.run(row);
    }),
    /** The API said our copy is current (304): remember when we last asked. */
    markChecked(name: string, at: string): void {
      touch.run({ name, at });
    },
  };
}

export type CatalogRepository = ReturnType<typeof buildCatalogRepository>;
