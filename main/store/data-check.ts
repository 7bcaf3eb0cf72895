import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inspectAttachmentFiles, type FileFindings } from '../services/outbox/file-check';
import type { AttachmentFiles } from '../services/outbox/attachment-files';
import type { Db } from './db';
import type { LockHolder } from './data-lock';
import type { RefCounter } from './ref-mirror';
import { buildRepairRepository } from './repair-repository';
import { checkWal, type WalProblem } from './wal-check';

/**
 * The start-up consistency check of the data folder: do the database, its WAL, the reference
 * counter mirrored outside it and the attachment store agree? Damage is detected and reported,
 * never "repaired" by deleting (store/quarantine.ts contains it). A crash is not damage: what a
 * SIGKILL can leave (a WAL with a half-written last frame, copies of stores that never
 * committed, renames cut short) is told apart from what only damage can leave.
 */
export type Finding =
  /** No database, in a folder that had one (attachments, a reference counter, backups). */
  | { kind: 'database_missing' }
  /** The database file cannot be read as a database, or fails SQLite's own check. */
  | { kind: 'database_unreadable'; detail: string }
  /** The last session ended without closing the database, and its WAL is gone. */
  | { kind: 'wal_missing' }
  | { kind: 'wal_damaged'; problem: WalProblem }
  /** The database's reference counter is below a reference already committed (and told). */
  | { kind: 'references_behind'; day: string; database: number; committed: number }
  /** Committed attachment files that no submission in the database refers to. */
  | { kind: 'unreferenced_files'; count: number }
  /** Submissions still to be sent whose attachment files are gone. */
  | { kind: 'files_missing'; localRefs: string[] };

export const DB_FILE = 'kiosk.sqlite3';

/** Was this folder ever used by a kiosk? (If so, a missing database is a lost one, not a new one.) */
function hadData(dataDir: string, mirrorPaths: readonly string[]): boolean {
  if (mirrorPaths.some((p) => existsSync(p))) return true;
  const nonEmpty = (dir: string, test: (name: string) => boolean) => {
    try {
      return readdirSync(dir).some(test);
    } catch {
      return false;
    }
  };
  return nonEmpty(join(dataDir, 'attachments'), (n) => !n.startsWith('.tmp-')) || existsSync(join(dataDir, `${DB_FILE}-wal`));
}

/** Before SQLite opens the database (opening would replay or discard its WAL). */
export function checkBeforeOpen(opts: { dataDir: string; lock: LockHolder; mirrorPaths: readonly string[] }): Finding[] {
  const dbFile = join(opts.dataDir, DB_FILE);
  const walFile = `${dbFile}-wal`;
  if (!existsSync(dbFile)) return hadData(opts.dataDir, opts.mirrorPaths) ? [{ kind: 'database_missing' }] : [];
  if (!existsSync(walFile)) return opts.lock.walExpected ? [{ kind: 'wal_missing' }] : [];
  let wal: Buffer;
  try {
    wal = readFileSync(walFile);
  } catch (e) {
    return [{ kind: 'database_unreadable', detail: `WAL: ${(e as NodeJS.ErrnoException).code ?? 'error'}` }];
  }
  const report = checkWal(wal);
  return report.problem ? [{ kind: 'wal_damaged', problem: report.problem }] : [];
}

/** SQLite's own structural check; `quick_check` is O(size of the database), a second or so at most here. */
export function checkDatabase(db: Db): Finding[] {
  const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
  const result = rows.map((r) => r.quick_check).join('; ');
  return result === 'ok' ? [] : [{ kind: 'database_unreadable', detail: result.slice(0, 300) }];
}

/** The counter in the database against the one mirrored outside it. */
export function checkReferences(counterFor: (day: string) => number, mirrored: RefCounter | null): Finding[] {
  if (!mirrored) return [];
  const database = counterFor(mirrored.day);
  return database < mirrored.committed ? [{ kind: 'references_behind', day: mirrored.day, database, committed: mirrored.committed }] : [];
}

/** The attachment store against the rows (services/outbox/file-check.ts). */
export async function checkFiles(
  files: AttachmentFiles,
  db: Db,
): Promise<{ findings: Finding[]; files: FileFindings }> {
  // Names are keyed hashes of the SHA-256 (attachment-files.ts): compare names with names.
  const rows = buildRepairRepository(db);
  const referenced = new Set(rows.referencedFiles().map((sha256) => files.nameOf(sha256)));
  const found = await inspectAttachmentFiles(files, {
    isReferenced: (name) => referenced.has(name),
    hasKey: (key) => rows.hasKey(key),
    // Rows already waiting for a clerk because a file was missing are known: not damage again.
    expected: () => rows.waitingFiles(),
  });
  const findings: Finding[] = [];
  if (found.unreferenced.length > 0) findings.push({ kind: 'unreferenced_files', count: found.unreferenced.length });
  if (found.missing.length > 0) findings.push({ kind: 'files_missing', localRefs: [...new Set(found.missing.map((m) => m.localRef))] });
  return { findings, files: found };
}

/** One line per finding, for IT (the report, the log, the exit message). */
export function describeFinding(f: Finding): string {
  switch (f.kind) {
    case 'database_missing':
      return 'The database file (kiosk.sqlite3) is missing, but the folder holds attachments or a reference counter of an earlier database: its dossiers are lost from the database.';
    case 'database_unreadable':
      return `The database file is damaged (${f.detail}).`;
    case 'wal_missing':
      return 'The kiosk stopped without closing its database, and the write-ahead log (kiosk.sqlite3-wal) with its latest dossiers is missing.';
    case 'wal_damaged':
      return `The write-ahead log (kiosk.sqlite3-wal) is damaged (${f.problem === 'header' ? 'its header is zeroed or garbled' : 'frames in the middle are garbled'}): the latest dossiers in it would be lost silently.`;
    case 'references_behind':
      return `The database's reference counter for ${f.day} is at ${f.database}, but references up to ${f.committed} were already given to citizens: the database lost dossiers.`;
    case 'unreferenced_files':
      return `${f.count} attachment file(s) belong to no dossier in the database: the database lost the dossiers they belong to.`;
    case 'files_missing':
      return `Attachment files of ${f.localRefs.length} dossier(s) waiting to be sent are missing: ${f.localRefs.slice(0, 10).join(', ')}${f.localRefs.length > 10 ? ', …' : ''}.`;
    default:
      return f satisfies never;
  }
}

/** Bytes of a file, or 0. */
export function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
