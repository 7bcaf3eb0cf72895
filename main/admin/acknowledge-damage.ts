import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { openAttachmentFiles } from '../services/outbox/attachment-files';
import { attachmentCrypto } from '../services/outbox/attachment-keys';
import { formatLocalRef } from '../services/outbox/ids';
import { DB_FILE } from '../store/data-check';
import { acquireDataLock } from '../store/data-lock';
import { refMirrorPaths } from '../store/data-folder';
import { DataKeyRefusal, resolveDataKey, type DataKeyring } from '../keys/data-key';
import { buildLogger, type Logger } from '../log';
import type { Db } from '../store/cipher';
import { databaseState, openKioskDatabase } from '../store/encrypted-database';
import { clearDamageMarker, readDamageMarker } from '../store/quarantine';
import { reconcile } from '../store/reconcile';
import { openRefMirror } from '../store/ref-mirror';
import type { KioskConfig } from '../config/schema';
import { dataKeyFor, kioskConfigFor, line, refused } from './data-folder-config';
import { exit, type AdminCommand, type AdminIo } from './io';

/**
 * The database, if SQLite can still read it under the data key; null when it is damaged. A key
 * that does not open it is not damage to paper over: that refusal (exit 77) goes to IT as it is.
 */
function openSound(dataDir: string, keyring: DataKeyring, logger: Logger, nativeBinding?: string): Db | null {
  try {
    const db = openKioskDatabase({ dataDir, keyring, logger, nativeBinding });
    if (db.pragma('quick_check', { simple: true }) === 'ok') return db;
    db.close();
  } catch (e) {
    if (e instanceof DataKeyRefusal) throw e;
    // Not a database any more.
  }
  return null;
}

/**
 * Goes on with the data as it is, once IT has read the report: the database SQLite can read is
 * kept (an unreadable one is moved aside and a new one started), files it does not account for
 * stay in quarantine, references continue after every one ever given, and dossiers whose files
 * are gone wait for a clerk. Nothing is deleted; the quarantine folder stays.
 */
export const acknowledgeDamageCommand: AdminCommand = {
  name: 'acknowledge-damage',
  usage: 'acknowledge-damage [--config <file>] [--data-dir <folder>]',
  summary: 'Go on with the data as it is after damage was reported (the quarantine folder stays for manual recovery).',
  async run(io) {
    const config = kioskConfigFor(io, 'acknowledge-damage');
    if (typeof config === 'number') return config;
    try {
      return await acknowledge(io, config);
    } catch (e) {
      return refused(io, 'acknowledge-damage', e);
    }
  },
};

async function acknowledge(io: AdminIo, config: KioskConfig): Promise<number> {
  const dataDir = config.dataDir;
  const lock = acquireDataLock(dataDir, { shell: 'kiosk-admin acknowledge-damage', nativeBinding: io.sqliteNativeBinding });
  try {
    const marker = readDamageMarker(dataDir);
    if (!marker) {
      line(io, `Không có hư hỏng nào đang chờ xử lý / No damage report is waiting in ${dataDir}.`);
      return 0;
    }
    const logger = buildLogger({ level: 'warn', write: (l) => void io.stderr.write(`${l}\n`) });
    const absent = databaseState(dataDir) === 'absent';
    const resolved = resolveDataKey({
      ...dataKeyFor(io, config),
      dataDir,
      database: absent ? 'encrypted' : databaseState(dataDir),
    });
    if (!resolved.ok) throw resolved.error;
    const keyring = resolved.value;
    let db = absent ? null : openSound(dataDir, keyring, logger, io.sqliteNativeBinding);
    if (!db) {
      const aside = join(marker.quarantineDir, 'database-unreadable');
      mkdirSync(aside, { recursive: true });
      for (const name of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]) {
        if (existsSync(join(dataDir, name))) renameSync(join(dataDir, name), join(aside, name));
      }
      if (!absent) line(io, `The unreadable database was moved to ${aside}; a new one is started.`);
      db = openKioskDatabase({ dataDir, keyring, logger, nativeBinding: io.sqliteNativeBinding });
    }
    lock.phase('open');
    const refs = openRefMirror(refMirrorPaths(dataDir, config.storage.backup.dir));
    try {
      const files = await openAttachmentFiles(dataDir, { crypto: attachmentCrypto(db, keyring) });
      const report = await reconcile({
        mode: 'acknowledge',
        db,
        files,
        refs,
        dataDir,
        quarantineDir: marker.quarantineDir,
        now: Date.now(),
      });
      clearDamageMarker(dataDir);
      line(
        io,
        `Đã xác nhận / Acknowledged. The kiosk starts again with the data as it is; ${marker.quarantineDir} stays for manual recovery.`,
      );
      line(
        io,
        `Outbox: queued ${report.counts.queued}, accepted ${report.counts.accepted}, needs attention ${report.counts.needs_attention}; files moved to quarantine now: ${report.filesQuarantined}.`,
      );
      if (report.lostReferences.length > 0) {
        line(io, 'References given to citizens that the database no longer has:');
        for (const r of report.lostReferences)
          line(io, `  ${formatLocalRef('dossier', config.kioskId, r.day, r.n).replace(/^DL-/, 'DL|KN-')}`);
      }
      return exit.ok;
    } finally {
      await refs.close();
      lock.phase('closing');
      db.close();
    }
  } finally {
    lock.release();
  }
}
