import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { checkWal } from '../../main/store/wal-check';

/** Real WAL files written by SQLite, read back by the start-up check's WAL reader. */
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function walAfter(write: (db: Database.Database) => void): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-wal-'));
  dirs.push(dir);
  const db = new Database(join(dir, 'x.sqlite3'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (x TEXT) STRICT');
  write(db);
  const wal = readFileSync(join(dir, 'x.sqlite3-wal'));
  db.close();
  return wal;
}
const insert = (db: Database.Database, n: number) => {
  for (let i = 0; i < n; i++) db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(3000));
};

describe('reading a WAL as SQLite recovers it', () => {
  it('a WAL SQLite wrote is sound, with one commit per transaction', () => {
    const report = checkWal(walAfter((db) => insert(db, 5)));
    expect(report.problem).toBeNull();
    expect(report.commits).toBe(6);
  });

  it('a WAL reused after a checkpoint (frames of the older generation after the new ones) is sound', () => {
    const wal = walAfter((db) => {
      insert(db, 20);
      db.pragma('wal_checkpoint(PASSIVE)');
      insert(db, 2);
    });
    expect(checkWal(wal)).toMatchObject({ problem: null, commits: 2 });
  });

  it('what a crash or a full disk leaves at the end is not damage: a frame without its page, a frame cut short', () => {
    const wal = walAfter((db) => insert(db, 3));
    const pageSize = wal.readUInt32BE(8);
    expect(checkWal(wal.subarray(0, wal.length - pageSize)).problem).toBeNull();
    expect(checkWal(wal.subarray(0, wal.length - 1000)).problem).toBeNull();
    expect(checkWal(Buffer.alloc(0)).problem).toBeNull();
  });

  it('a zeroed or garbled header, or a garbled frame followed by intact ones, is damage', () => {
    const wal = walAfter((db) => insert(db, 4));
    expect(checkWal(Buffer.alloc(wal.length)).problem).toBe('header');
    const header = Buffer.from(wal);
    header[17] = header[17]! ^ 0xff;
    expect(checkWal(header).problem).toBe('header');
    expect(checkWal(wal.subarray(0, 20)).problem).toBe('header');
    const middle = Buffer.from(wal);
    middle[32 + 24 + 500] = middle[32 + 24 + 500]! ^ 0x01;
    expect(checkWal(middle).problem).toBe('garbled');
  });
});
