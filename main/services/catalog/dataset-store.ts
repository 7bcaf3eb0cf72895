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

export function readDataset(db: Db, name: string): StoredDataset | undefined {
  const row = db
    .prepare(
      `SELECT name, version, etag, payload, fetched_at AS fetchedAt, checked_at AS checkedAt
         FROM catalog_datasets WHERE name = @name`,
    )
    .get({ name }) as StoredDataset | undefined;
  return row;
}

export function writeDataset(db: Db, row: StoredDataset): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO catalog_datasets (name, version, etag, payload, fetched_at, checked_at)
       VALUES (@name, @version, @etag, @payload, @fetchedAt, @checkedAt)
       ON CONFLICT(name) DO UPDATE SET version = excluded.version, etag = excluded.etag,
         payload = excluded.payload, fetched_at = excluded.fetched_at, checked_at = excluded.checked_at`,
    ).run(row);
  })();
}

/** The API said our copy is current (304): remember when we last asked. */
export function markChecked(db: Db, name: string, at: string): void {
  db.prepare('UPDATE catalog_datasets SET checked_at = @at WHERE name = @name').run({ name, at });
}
