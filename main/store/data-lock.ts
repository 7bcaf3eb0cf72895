import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';

/**
 * One kiosk process per data folder. Two processes on one folder each wipe the other's staging
 * files and race on the outbox, so the browser shell, Electron and the admin tools all take this
 * lock before they touch anything in the folder.
 *
 * The lock is the operating system's: `kiosk.lock` is a tiny SQLite file held open in EXCLUSIVE
 * locking mode (POSIX fcntl locks on Linux, LockFileEx on Windows), which the OS releases the
 * moment the holder dies — a SIGKILLed kiosk or a power cut never leaves a lock that blocks the
 * next start, and no pid can be mistaken for another process that reused it. Beside it,
 * `kiosk.lock.json` says who holds it (pid, shell, start time) for the message a second start
 * prints. That file is removed on a clean close, so finding one at start means the last session
 * ended without closing: its `phase` tells the start-up data check whether a SQLite WAL file must
 * exist (store/data-check.ts).
 */
export interface LockHolder {
  pid: number;
  shell: string;
  host: string;
  startedAt: string;
  /** starting → open (the database was opened: its WAL exists until a clean close) → closing. */
  phase: 'starting' | 'open' | 'closing';
  /** A WAL left by an earlier unclean session that nobody has opened since. */
  walExpected: boolean;
}

export interface DataLock {
  readonly holder: LockHolder;
  /** The session before this one, if it ended without closing (a crash, a kill, a power cut). */
  readonly unclean: LockHolder | null;
  /** The database is open (or about to be closed). */
  phase(phase: 'open' | 'closing'): void;
  release(): void;
}

/** Another process holds the folder: exit 73 (EX_CANTCREAT), naming it. */
export const EX_LOCKED = 73;

export class DataFolderLocked extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | null,
  ) {
    super(
      holder
        ? `Another kiosk process (pid ${holder.pid}, ${holder.shell}, started ${holder.startedAt}${holder.host !== hostname() ? ` on ${holder.host}` : ''}) is using the data folder ${dataDir}. Stop it first; only one kiosk may use a data folder.`
        : `Another kiosk process is using the data folder ${dataDir}. Stop it first; only one kiosk may use a data folder.`,
    );
    this.name = 'DataFolderLocked';
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof h.pid !== 'number' || typeof h.shell !== 'string') return null;
    return {
      pid: h.pid,
      shell: h.shell,
      host: typeof h.host === 'string' ? h.host : '?',
      startedAt: typeof h.startedAt === 'string' ? h.startedAt : '?',
      phase: h.phase === 'open' || h.phase === 'closing' ? h.phase : 'starting',
      walExpected: h.walExpected === true,
    };
  } catch {
    // Absent (a clean close), or cut short by a power cut: nothing to go on.
    return null;
  }
}

export function acquireDataLock(dataDir: string, opts: { shell: string; nativeBinding?: string; now?: () => Date }): DataLock {
  mkdirSync(dataDir, { recursive: true });
  const infoFile = join(dataDir, 'kiosk.lock.json');
  const db = new Database(join(dataDir, 'kiosk.lock'), { timeout: 0, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
  try {
    db.pragma('journal_mode = MEMORY');
    db.pragma('locking_mode = EXCLUSIVE');
    // In EXCLUSIVE locking mode the lock taken here is kept until the connection closes.
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new DataFolderLocked(dataDir, readHolder(infoFile));
    throw e;
  }

  const unclean = readHolder(infoFile);
  const holder: LockHolder = {
    pid: process.pid,
    shell: opts.shell,
    host: hostname(),
    startedAt: (opts.now?.() ?? new Date()).toISOString(),
    phase: 'starting',
    // A WAL stays until a clean close; a session that died before opening the database inherits
    // the expectation of the one before it.
    walExpected: unclean !== null && (unclean.phase === 'open' || (unclean.phase === 'starting' && unclean.walExpected)),
  };
  const write = () => {
    try {
      writeFileSync(infoFile, JSON.stringify(holder));
    } catch {
      // A full disk: the lock holds anyway; only the message for a second start is poorer.
    }
  };
  write();
  let released = false;
  return {
    holder,
    unclean,
    phase(phase) {
      holder.phase = phase;
      write();
    },
    release() {
      if (released) return;
      released = true;
      rmSync(infoFile, { force: true });
      db.close();
    },
  };
}
