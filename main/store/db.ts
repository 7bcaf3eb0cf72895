import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openSqlite, type DatabaseEncryption, type Db } from './cipher';
import { migrations } from './migrations';

export { applyKey, openSqlite, WrongDatabaseKey, type DatabaseEncryption, type Db } from './cipher';

/** Opens (and migrates) the kiosk database. */
export function openDatabase(dataDir: string, opts: { encryption: DatabaseEncryption; fileName?: string; nativeBinding?: string }): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = openSqlite(join(dataDir, opts.fileName ?? 'kiosk.sqlite3'), opts.encryption, { nativeBinding: opts.nativeBinding });
  // WAL + synchronous=FULL: a commit is on disk when it returns, so a power cut after we tell a
  // citizen "received" cannot undo it. NORMAL would be faster and could lose the last commits.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Deleted and overwritten content is zeroed, not left in free space: retention's erasure
  // (services/retention) must remove the bytes, not only the rows.
  db.pragma('secure_delete = ON');
  migrate(db);
  return db;
}

export function migrate(db: Db): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const applied = new Set(
    db.prepare('SELECT version FROM schema_migrations').all().map((r) => (r as { version: number }).version),
  );
  const newest = Math.max(0, ...applied);
  const known = Math.max(0, ...migrations.map((m) => m.version));
  if (newest > known) {
    // A newer kiosk build wrote this database. Running old code on it could corrupt the outbox.
    throw new Error(`Database schema version ${newest} is newer than this build supports (${known}).`);
  }
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)').run({
        version: m.version,
        name: m.name,
        at: new Date().toISOString(),
      });
    })();
  }
}
