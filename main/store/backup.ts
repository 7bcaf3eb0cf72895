import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log';
import { openSqlite, type DatabaseEncryption, type Db } from './cipher';
import { isStorageFault } from './storage-faults';

/**
 * Rolling online backups of the database: a consistent snapshot taken while the kiosk runs,
 * written under a temporary name, checked with `quick_check` under the data key, fsynced and only
 * then renamed to `kiosk-<YYYYMMDD-HHMMSS>.sqlite3`; the newest `keep` are kept. Taken after
 * sent batches (a debounced nudge from the sync engine) and every `intervalMs`, to the data
 * folder's `backups/` or a configured folder on another disk. `kiosk-admin restore` puts one back.
 *
 * The snapshot is SQLite's `VACUUM INTO` rather than the page-by-page backup API: the database is
 * encrypted (SQLCipher pages, store/cipher.ts), and SQLite3 Multiple Ciphers refuses the backup
 * API towards a target that is not keyed the same way, which better-sqlite3's `backup()` cannot
 * do; `VACUUM INTO` writes the copy under the same key (a stolen backup reveals nothing), inside
 * one read transaction (writers go on in WAL mode), compacted. It runs on the main thread: a few
 * tens of milliseconds for a kiosk's database, whose personal data retention keeps small.
 * Attachment files are not copied: they are content-addressed and never change, and the start-up
 * check quarantines rather than deletes them, so a restored database finds them again.
 */
export const BACKUP_NAME = /^kiosk-(\d{8}-\d{6})(?:-\d+)?\.sqlite3$/;

export function listBackups(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => BACKUP_NAME.test(n))
      .sort()
      .reverse()
      .map((n) => join(dir, n));
  } catch {
    return [];
  }
}

function stampUtc(d: Date): string {
  const iso = d.toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

/** One backup now; returns its path. Throws if it could not be written whole. */
export async function backupNow(opts: {
  db: Db;
  dir: string;
  keep: number;
  /** The key the database is under: the copy is checked with it. */
  encryption: DatabaseEncryption;
  now?: () => Date;
  nativeBinding?: string;
}): Promise<string> {
  mkdirSync(opts.dir, { recursive: true });
  const base = `kiosk-${stampUtc((opts.now ?? (() => new Date()))())}`;
  let name = `${base}.sqlite3`;
  for (let n = 2; listBackups(opts.dir).some((p) => p.endsWith(`/${name}`) || p.endsWith(`\\${name}`)); n++) name = `${base}-${n}.sqlite3`;
  const partial = join(opts.dir, `.${name}.partial`);
  try {
    opts.db.prepare('VACUUM INTO ?').run(partial);
    const copy = openSqlite(partial, opts.encryption, { nativeBinding: opts.nativeBinding });
    try {
      // One self-contained file (no -wal beside it), checked before it counts as a backup.
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`backup failed its check: ${String(check)}`);
    } finally {
      copy.close();
    }
    const fd = openSync(partial, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, join(opts.dir, name));
    syncDir(opts.dir);
  } catch (e) {
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) rmSync(f, { force: true });
    throw e;
  }
  for (const old of listBackups(opts.dir).slice(opts.keep)) rmSync(old, { force: true });
  return join(opts.dir, name);
}

function syncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface BackupSchedule {
  /** Something worth keeping happened (a batch was accepted): back up soon, not at once. */
  nudge(): void;
  /** Runs one now (or waits for the one running). */
  run(): Promise<string | null>;
  stop(): Promise<void>;
}

export function scheduleBackups(deps: {
  db: Db;
  dir: string;
  keep: number;
  intervalMs: number;
  logger: Logger;
  /** How long after a nudge the backup runs (more acceptances in between join the same one). */
  settleMs?: number;
  encryption: DatabaseEncryption;
  nativeBinding?: string;
}): BackupSchedule {
  const settleMs = deps.settleMs ?? 60_000;
  let running: Promise<string | null> | null = null;
  let nudged: NodeJS.Timeout | null = null;
  let stopped = false;

  function run(): Promise<string | null> {
    if (stopped) return Promise.resolve(null);
    running ??= backupNow({ db: deps.db, dir: deps.dir, keep: deps.keep, encryption: deps.encryption, nativeBinding: deps.nativeBinding })
      .then(
        (path) => {
          deps.logger.info('backup.done', { keep: deps.keep });
          return path;
        },
        (e: unknown) => {
          // A full disk must not stop the kiosk: the next one is tried at the next nudge or hour.
          deps.logger.warn('backup.failed', { storage: isStorageFault(e), error: e instanceof Error ? e.name : typeof e });
          return null;
        },
      )
      .finally(() => {
        running = null;
      });
    return running;
  }

  const hourly = setInterval(() => void run(), deps.intervalMs);
  hourly.unref();
  return {
    nudge() {
      if (nudged || stopped) return;
      nudged = setTimeout(() => {
        nudged = null;
        void run();
      }, settleMs);
      nudged.unref();
    },
    run,
    async stop() {
      stopped = true;
      clearInterval(hourly);
      if (nudged) clearTimeout(nudged);
      await running;
    },
  };
}
