import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, openSqlite } from '../../main/store/db';
import { testEncryption } from '../support/data-key';
import { buildSettingsRepository } from '../../main/store/kiosk-identity';
import { migrations } from '../../main/store/migrations';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'kiosk-store-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('SQLite store on a real file', () => {
  it('opens in WAL mode with full synchronous writes and applies every migration once', () => {
    const dir = tempDir();
    const db = openDatabase(dir, { encryption: testEncryption });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    const applied = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
    expect(applied.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    db.close();
    const again = openDatabase(dir, { encryption: testEncryption });
    expect((again.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(migrations.length);
    again.close();
  });

  it('migration numbers are unique and increasing', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('every table is STRICT', () => {
    const db = openDatabase(tempDir(), { encryption: testEncryption });
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
      sql: string;
    }[];
    for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*STRICT\s*$/i);
    db.close();
  });

  it('keeps the installation id across restarts and settings across reopen', () => {
    const dir = tempDir();
    const db = openDatabase(dir, { encryption: testEncryption });
    const id = buildSettingsRepository(db).installationId();
    buildSettingsRepository(db).put('lastCatalogVersion', '7');
    buildSettingsRepository(db).put('lastCatalogVersion', '8');
    db.close();
    const reopened = openDatabase(dir, { encryption: testEncryption });
    expect(buildSettingsRepository(reopened).installationId()).toBe(id);
    expect(buildSettingsRepository(reopened).get('lastCatalogVersion')).toBe('8');
    reopened.close();
  });

  it('refuses to open a database written by a newer build, rather than corrupting it', () => {
    const dir = tempDir();
    openDatabase(dir, { encryption: testEncryption }).close();
    const raw = openSqlite(join(dir, 'kiosk.sqlite3'), testEncryption);
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 'x')").run();
    raw.close();
    expect(() => openDatabase(dir, { encryption: testEncryption })).toThrow(/newer than this build/);
  });

  it('a failing migration leaves the database as it was', () => {
    const db = openSqlite(join(tempDir(), 'x.sqlite3'), testEncryption);
    migrate(db);
    const before = db.prepare('SELECT count(*) AS n FROM schema_migrations').get();
    db.exec('CREATE TABLE boom (x INTEGER) STRICT');
    // Simulate a broken next migration by running its SQL inside migrate's transaction shape.
    expect(() =>
      db.transaction(() => {
        db.exec('CREATE TABLE half_done (x INTEGER) STRICT; CREATE TABLE boom (x INTEGER) STRICT;');
      })(),
    ).toThrow();
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual(before);
    db.close();
  });

  it('a committed write survives the process being killed right after (SIGKILL)', () => {
    const dir = tempDir();
    openDatabase(dir, { encryption: testEncryption }).close();
    const script = `
      const Database = require(${JSON.stringify(require.resolve('better-sqlite3-multiple-ciphers'))});
      const db = new Database(${JSON.stringify(join(dir, 'kiosk.sqlite3'))});
      db.pragma("cipher = 'sqlcipher'"); db.pragma('legacy = 4'); db.pragma(\`key = "x'${testEncryption.key.toString('hex')}'"\`);
      db.pragma('journal_mode = WAL'); db.pragma('synchronous = FULL');
      db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('k', 'committed', 'now')").run();
      process.kill(process.pid, 'SIGKILL');`;
    const r = spawnSync(process.execPath, ['-e', script]);
    expect(r.signal).toBe('SIGKILL');
    const db = openDatabase(dir, { encryption: testEncryption });
    expect(buildSettingsRepository(db).get('k')).toBe('committed');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
