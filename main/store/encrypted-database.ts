import { closeSync, fsyncSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataKeyRefusal, type DatabaseState, type DataKeyring } from '../keys/data-key';
import type { Logger } from '../log';
import { applyKey, openSqlite, WrongDatabaseKey, type Db } from './cipher';
import { openDatabase } from './db';

export const DATABASE_FILE = 'kiosk.sqlite3';
/** Where a rebuilt copy is made before it replaces the database; a left-over one is a crash's. */
const REBUILD_SUFFIX = '.rekey';

/** A plain SQLite file starts with this; an encrypted one starts with its random salt. */
const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export function databaseState(dataDir: string): DatabaseState {
  const file = join(dataDir, DATABASE_FILE);
  const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  if (size === 0) return 'absent';
  const head = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  return head.equals(PLAIN_HEADER) ? 'plaintext' : 'encrypted';
}

export type RebuildStep = 'copied' | 'rekeyed' | 'replaced';

/**
 * Puts the database under another key (or, from `null`, encrypts a plain one) without ever
 * touching the live file until the end: a copy is made (VACUUM INTO, which also drops free
 * pages), rekeyed and fsynced beside it, then renamed over the database in one step. A crash
 * before the rename leaves the database as it was under `from` (the copy is removed at the next
 * start); after it, the database is whole under `to`. The caller records both keys first
 * (DataKeyring.beginRotation), so the kiosk opens with whichever the file is under.
 * The database must be closed by everyone else (the data folder lock, or a kiosk not running).
 */
export function rebuildUnderKey(
  dataDir: string,
  opts: { from: Buffer | null; to: Buffer; nativeBinding?: string; onStep?: (step: RebuildStep) => void; platform?: NodeJS.Platform },
): void {
  rebuildFileUnderKey(join(dataDir, DATABASE_FILE), opts);
}

/** The same for any database file of the kiosk's (a backup too). */
export function rebuildFileUnderKey(
  file: string,
  opts: { from: Buffer | null; to: Buffer; nativeBinding?: string; onStep?: (step: RebuildStep) => void; platform?: NodeJS.Platform },
): void {
  const temp = `${file}${REBUILD_SUFFIX}`;
  removeLeftoversOf(file);

  const source = openSqlite(file, opts.from ? { key: opts.from } : 'none', { nativeBinding: opts.nativeBinding });
  try {
    // Leaving WAL mode checkpoints everything into the file and deletes the WAL: the copy is
    // complete, and no WAL of the old file can be replayed onto the new one after the rename.
    source.pragma('journal_mode = DELETE');
    source.prepare('VACUUM INTO ?').run(temp);
  } finally {
    source.close();
  }
  if ((statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 0) {
    rmSync(temp, { force: true });
    throw new Error(`${file}-wal is still there: another process has the database open`);
  }
  rmSync(`${file}-shm`, { force: true });
  opts.onStep?.('copied');

  const copy = openSqlite(temp, opts.from ? { key: opts.from } : 'none', { nativeBinding: opts.nativeBinding });
  try {
    // SQLite3 Multiple Ciphers rekeys only outside WAL mode; VACUUM INTO wrote a rollback-journal file.
    copy.pragma('journal_mode = DELETE');
    if (opts.from) copy.pragma(`rekey = "x'${opts.to.toString('hex')}'"`);
    else applyKey(copy, opts.to, 'rekey');
  } finally {
    copy.close();
  }
  fsyncFile(temp);
  opts.onStep?.('rekeyed');

  renameSync(temp, file);
  if ((opts.platform ?? process.platform) !== 'win32') fsyncFile(dirname(file));
  opts.onStep?.('replaced');
}

/** A copy a crash left half-made: it is the database under one key or the other, never needed. */
export function removeRebuildLeftovers(dataDir: string): void {
  removeLeftoversOf(join(dataDir, DATABASE_FILE));
}

function removeLeftoversOf(file: string): void {
  const temp = `${file}${REBUILD_SUFFIX}`;
  for (const f of [temp, `${temp}-journal`, `${temp}-wal`, `${temp}-shm`]) rmSync(f, { force: true });
}

/** Which of the keys opens this database file (null: neither). */
export function keyOpening(file: string, keys: readonly Buffer[], nativeBinding?: string): Buffer | null {
  for (const key of keys) {
    try {
      openSqlite(file, { key }, { nativeBinding }).close();
      return key;
    } catch (e) {
      if (!(e instanceof WrongDatabaseKey)) throw e;
    }
  }
  return null;
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens the kiosk's database with its data key: encrypts a database an earlier build left in
 * plain text, tries the rotation's next key when the current one does not fit (a rotation cut
 * short after its rename), and refuses — never starts empty — when no key opens it.
 */
export function openKioskDatabase(opts: { dataDir: string; keyring: DataKeyring; logger: Logger; nativeBinding?: string }): Db {
  const { dataDir, keyring, logger } = opts;
  removeRebuildLeftovers(dataDir);
  if (databaseState(dataDir) === 'plaintext') {
    // An update from a build that did not encrypt: the whole file, once, crash-safe like a rotation.
    logger.info('data.encrypting_database', { keyId: keyring.current.id });
    rebuildUnderKey(dataDir, { from: null, to: keyring.current.bytes, nativeBinding: opts.nativeBinding });
    logger.info('data.database_encrypted', { keyId: keyring.current.id });
  }
  try {
    return openDatabase(dataDir, { encryption: { key: keyring.current.bytes }, nativeBinding: opts.nativeBinding });
  } catch (e) {
    if (!(e instanceof WrongDatabaseKey)) throw e;
  }
  if (keyring.next) {
    try {
      const db = openDatabase(dataDir, { encryption: { key: keyring.next.bytes }, nativeBinding: opts.nativeBinding });
      // The rotation had replaced the file but not yet said so in the key file.
      keyring.promote();
      logger.info('data_key.rotation_completed', { keyId: keyring.current.id });
      return db;
    } catch (e) {
      if (!(e instanceof WrongDatabaseKey)) throw e;
    }
  }
  const where = keyring.file ? `the data key ${keyring.file}` : 'the data key in KIOSK_DATA_KEY';
  throw new DataKeyRefusal(
    'data_key_wrong',
    `${where} (id ${keyring.current.id}) does not open the database ${join(dataDir, DATABASE_FILE)}: it is another kiosk's or another data folder's key. Put this kiosk's key back (from the copy IT keeps) and start again; the kiosk will not start an empty database over the old one.`,
  );
}
