import { DataKeyRefusal, dataKeyRefusalText, resolveDataKey, type DataKeyring } from '../keys/data-key';
import { removeResealLeftovers } from '../keys/reseal';
import type { Logger } from '../log';
import type { Db } from './cipher';
import { acquireDataLock, DataFolderLocked, EX_LOCKED, type DataLock } from './data-lock';
import { databaseState, openKioskDatabase } from './encrypted-database';

/** Where the data key comes from (keys/data-key.ts): everything but the folder, which is known here. */
export type DataKeySource = Omit<Parameters<typeof resolveDataKey>[0], 'dataDir' | 'database'>;

/**
 * The kiosk's data folder, opened the one way every process opens it (both shells, the admin
 * tools, the crash tests' worker): the folder lock first — one process per folder — then the
 * data key (made here on a first start where that is allowed, so two starts cannot race to make
 * two), then the database under it. `close()` closes the database before it lets the lock go.
 */
export interface DataFolder {
  dataDir: string;
  db: Db;
  keyring: DataKeyring;
  lock: DataLock;
  close(): void;
}

export function openDataFolder(opts: { dataDir: string; shell: string; logger: Logger; nativeBinding?: string; dataKey: DataKeySource }): DataFolder {
  const lock = acquireDataLock(opts.dataDir, { shell: opts.shell, nativeBinding: opts.nativeBinding });
  let db: Db;
  let keyring: DataKeyring;
  try {
    // A key rotation stopped mid-file leaves a temp copy beside the original: never needed.
    removeResealLeftovers(opts.dataDir);
    const resolved = resolveDataKey({ ...opts.dataKey, dataDir: opts.dataDir, database: databaseState(opts.dataDir) });
    if (!resolved.ok) throw resolved.error;
    keyring = resolved.value;
    if (keyring.created) opts.logger.info('data_key.created', { keyId: keyring.current.id, protection: keyring.protection });
    db = openKioskDatabase({ dataDir: opts.dataDir, keyring, logger: opts.logger, nativeBinding: opts.nativeBinding });
  } catch (e) {
    lock.release();
    throw e;
  }
  lock.phase('open');
  if (lock.unclean) opts.logger.warn('data.unclean_shutdown', { pid: lock.unclean.pid, shell: lock.unclean.shell, phase: lock.unclean.phase });
  let closed = false;
  return {
    dataDir: opts.dataDir,
    db,
    keyring,
    lock,
    close() {
      if (closed) return;
      closed = true;
      // Said before the WAL goes: a kill between the two must not look like a lost WAL.
      lock.phase('closing');
      db.close();
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
  return null;
}
