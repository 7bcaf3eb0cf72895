import { join, relative, isAbsolute } from 'node:path';
import { DataKeyRefusal, dataKeyRefusalText, resolveDataKey, type DataKeyring } from '../keys/data-key';
import { removeResealLeftovers } from '../keys/reseal';
import type { Logger } from '../log';
import { openAttachmentFiles } from '../services/outbox/attachment-files';
import { attachmentCrypto, keysOutOfReach } from '../services/outbox/attachment-keys';
import type { FileFindings } from '../services/outbox/file-check';
import { formatLocalRef } from '../services/outbox/ids';
import { checkBeforeOpen, checkDatabase, checkFiles, checkReferences, describeFinding, type Finding } from './data-check';
import { acquireDataLock, DataFolderLocked, EX_LOCKED, type DataLock } from './data-lock';
import type { Db } from './cipher';
import { databaseState, openKioskDatabase } from './encrypted-database';
import { DataFolderDamaged, EX_DATAERR, quarantine, readDamageMarker, type DamageMarker } from './quarantine';
import { openRefMirror, type RefCounter, type RefMirror } from './ref-mirror';
import { buildRepairRepository } from './repair-repository';

/**
 * The kiosk's data folder, opened the one way every process opens it (both shells, the admin
 * tools, the crash tests' worker):
 *
 * 1. the folder lock — one process per folder (exit 73 for a second one);
 * 2. an earlier start found damage and IT has not acted yet → refuse again (exit 65);
 * 3. the consistency check (store/data-check.ts): the WAL before SQLite touches it;
 * 4. the data key (made here on a first start where that is allowed, so two starts cannot race
 *    to make two; a lost or wrong key refuses with exit 77, never an empty database over the old
 *    one), then the database under it;
 * 5. the rest of the check: the database, the reference counter against its mirror, the
 *    attachment store against the rows;
 * 6. on damage: nothing deleted, the unaccounted moved to quarantine, refuse (exit 65) naming it;
 *    otherwise the mirrored reference counter is brought level with the database.
 *
 * `close()` closes the database before it lets the lock go.
 */
/** Where the data key comes from (keys/data-key.ts): everything but the folder, which is known here. */
export type DataKeySource = Omit<Parameters<typeof resolveDataKey>[0], 'dataDir' | 'database'>;

export interface DataFolder {
  dataDir: string;
  db: Db;
  keyring: DataKeyring;
  lock: DataLock;
  refs: RefMirror;
  close(): Promise<void>;
}

export interface DataFolderOptions {
  dataDir: string;
  shell: string;
  logger: Logger;
  nativeBinding?: string;
  dataKey: DataKeySource;
  /** A second place for the mirrored reference counter (the configured backup folder, if on another disk). */
  backupDir?: string;
  kioskId?: string;
  now?: () => Date;
}

export function refMirrorPaths(dataDir: string, backupDir: string | undefined): string[] {
  const paths = [join(dataDir, 'refs.counter')];
  const inside = backupDir !== undefined && !relative(dataDir, backupDir).startsWith('..') && !isAbsolute(relative(dataDir, backupDir));
  if (backupDir && !inside) paths.push(join(backupDir, 'refs.counter'));
  return paths;
}

/** References given out that the database does not hold (for the report): committed above its counter. */
export function lostReferences(kioskId: string | undefined, mirrored: RefCounter | null, database: number): string[] {
  if (!mirrored || mirrored.committed <= database) return [];
  const out: string[] = [];
  for (let n = database + 1; n <= mirrored.committed && out.length < 500; n++) {
    out.push(formatLocalRef('dossier', kioskId ?? 'KIOSK', mirrored.day, n).replace(/^DL-/, 'DL|KN-'));
  }
  return out;
}

export async function openDataFolder(opts: DataFolderOptions): Promise<DataFolder> {
  const { dataDir, logger } = opts;
  const now = opts.now ?? (() => new Date());
  const lock = acquireDataLock(dataDir, { shell: opts.shell, nativeBinding: opts.nativeBinding });
  const mirrorPaths = refMirrorPaths(dataDir, opts.backupDir);
  let db: Db | null = null;
  let keyring: DataKeyring | null = null;
  let refs: RefMirror | null = null;
  /**
   * Damage: what cannot be accounted for goes to quarantine — every attachment file when the
   * database is gone, the unreferenced ones when it is there — and the start is refused.
   */
  const cryptoIfReadable = () => {
    try {
      return db && keyring ? attachmentCrypto(db, keyring) : keysOutOfReach;
    } catch {
      return keysOutOfReach;
    }
  };
  const refuse = async (findings: Finding[], fileScope: 'none' | 'all' | 'unreferenced'): Promise<never> => {
    const files = fileScope === 'none' ? null : await openAttachmentFiles(dataDir, { crypto: cryptoIfReadable() });
    let fileFindings: FileFindings | null = null;
    if (files && fileScope === 'all') {
      const found = await files.list();
      fileFindings = { unreferenced: found.final, uncommitted: found.pending.map((p) => p.name), temp: found.temp, unfinished: [], missing: [], foreign: found.other };
    } else if (files && db) fileFindings = (await checkFiles(files, db)).files;
    const mirrored = refs?.current() ?? null;
    let lost: string[] = [];
    try {
      lost = lostReferences(opts.kioskId, mirrored, mirrored && db ? buildRepairRepository(db).counterFor(mirrored.day) : 0);
    } catch {
      // A database too damaged to read its counter: the report goes without the list.
    }
    const marker = await quarantine({ dataDir, findings, files, fileFindings, now: now(), lostReferences: lost }).catch(
      // Not even a folder could be made (a full, failing disk): refuse all the same, moving nothing.
      (e: unknown): DamageMarker => ({
        at: now().toISOString(),
        quarantineDir: `${join(dataDir, 'quarantine')} (could not be created: ${(e as NodeJS.ErrnoException).code ?? 'error'})`,
        findings: findings.map(describeFinding),
      }),
    );
    for (const f of findings) logger.error('data.damaged', { finding: f.kind });
    logger.error('data.quarantined', { folder: marker.quarantineDir });
    throw new DataFolderDamaged(dataDir, marker);
  };

  try {
    const marker = readDamageMarker(dataDir);
    if (marker) throw new DataFolderDamaged(dataDir, marker);
    if (lock.unclean) logger.warn('data.unclean_shutdown', { pid: lock.unclean.pid, shell: lock.unclean.shell, phase: lock.unclean.phase });

    // A key rotation stopped mid-file leaves a temp copy beside the original: never needed.
    removeResealLeftovers(dataDir);
    refs = openRefMirror(mirrorPaths, { onError: (e, path) => logger.warn('data.ref_mirror_write_failed', { second: path !== mirrorPaths[0], code: String((e as { code?: unknown }).code) }) });
    const before = checkBeforeOpen({ dataDir, lock: lock.holder, mirrorPaths });
    // A damaged or missing WAL: SQLite must not open the database (it would drop the WAL's tail
    // for good); the files are sorted out by `restore` or `acknowledge-damage`, against whichever
    // database IT keeps.
    if (before.length > 0) await refuse(before, before.some((f) => f.kind === 'database_missing') ? 'all' : 'none');

    const resolved = resolveDataKey({ ...opts.dataKey, dataDir, database: databaseState(dataDir) });
    if (!resolved.ok) throw resolved.error;
    keyring = resolved.value;
    if (keyring.created) logger.info('data_key.created', { keyId: keyring.current.id, protection: keyring.protection });
    try {
      db = openKioskDatabase({ dataDir, keyring, logger, nativeBinding: opts.nativeBinding });
    } catch (e) {
      const code = String((e as { code?: unknown }).code ?? '');
      if (/^SQLITE_(NOTADB|CORRUPT)/.test(code)) await refuse([{ kind: 'database_unreadable', detail: code }], 'none');
      throw e;
    }
    lock.phase('open');
    const openDb = db;

    const structure = checkDatabase(openDb);
    if (structure.length > 0) await refuse(structure, 'none');
    const files = await openAttachmentFiles(dataDir, { crypto: attachmentCrypto(openDb, keyring) });
    // An earlier build's plain files take their sealed, keyed names first: they are the rows' files.
    await files.sealPlainFiles();
    const rows = buildRepairRepository(openDb);
    const findings = [...checkReferences((day) => rows.counterFor(day), refs.current()), ...(await checkFiles(files, openDb)).findings];
    if (findings.length > 0) await refuse(findings, 'unreferenced');

    // The mirror is at least the database's counter (new folder, or a build before the mirror).
    const mirrored = refs.current();
    const newest = rows.newestCounter();
    if (newest && (!mirrored || mirrored.day < newest.day || (mirrored.day === newest.day && mirrored.reserved < newest.last))) {
      await refs.write({ day: newest.day, reserved: newest.last, committed: newest.last });
    }
  } catch (e) {
    await refs?.close().catch(() => undefined);
    try {
      if (db) {
        lock.phase('closing');
        db.close();
      }
    } finally {
      lock.release();
    }
    throw e;
  }

  const openDb = db;
  const mirror = refs;
  const keys = keyring!;
  let closed = false;
  return {
    dataDir,
    db: openDb,
    keyring: keys,
    lock,
    refs: mirror,
    async close() {
      if (closed) return;
      closed = true;
      await mirror.close().catch(() => undefined);
      // Said before the WAL goes: a kill between the two must not look like a lost WAL.
      lock.phase('closing');
      openDb.close();
      lock.release();
    },
  };
}

/**
 * A data folder the kiosk must not start on, as the shells tell IT: the exit code (README,
 * Troubleshooting) and a message in Vietnamese and English. Null for any other error.
 */
export function dataFolderRefusal(e: unknown): { code: number; title: string; message: string } | null {
  if (e instanceof DataFolderLocked) {
    return {
      code: EX_LOCKED,
      title: 'Kiosk đang chạy / Kiosk already running',
      message: `Một tiến trình kiosk khác đang dùng thư mục dữ liệu này. / ${e.message}`,
    };
  }
  if (e instanceof DataKeyRefusal) {
    return { code: e.exitCode, title: 'Không mở được dữ liệu kiosk / Kiosk data locked', message: dataKeyRefusalText(e) };
  }
  if (e instanceof DataFolderDamaged) {
    return {
      code: EX_DATAERR,
      title: 'Dữ liệu kiosk bị hỏng / Kiosk data damaged',
      message:
        `Dữ liệu của kiosk bị hỏng hoặc không khớp; không tệp nào bị xóa. Kiosk không nhận hồ sơ mới cho đến khi bộ phận CNTT xử lý (xem ${e.marker.quarantineDir}/REPORT.txt).\n` +
        e.message,
    };
  }
  return null;
}
