import type { Logger } from '../log';
import { acquireDataLock, DataFolderLocked, EX_LOCKED, type DataLock } from './data-lock';
import { openDatabase, type Db } from './db';

/**
 * The kiosk's data folder, opened the one way every process opens it (both shells, the admin
 * tools, the crash tests' worker): the folder lock first — one process per folder — then the
 * database. `close()` closes the database before it lets the lock go.
 */
export interface DataFolder {
  dataDir: string;
  db: Db;
  lock: DataLock;
  close(): void;
}

export function openDataFolder(opts: { dataDir: string; shell: string; logger: Logger; nativeBinding?: string }): DataFolder {
  const lock = acquireDataLock(opts.dataDir, { shell: opts.shell, nativeBinding: opts.nativeBinding });
  let db: Db;
  try {
    db = openDatabase(opts.dataDir, { nativeBinding: opts.nativeBinding });
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
  return null;
}
