import { copyFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import { openAttachmentFiles } from '../services/outbox/attachment-files';
import { attachmentCrypto } from '../services/outbox/attachment-keys';
import { formatLocalRef } from '../services/outbox/ids';
import { listBackups } from '../store/backup';
import { DB_FILE } from '../store/data-check';
import { acquireDataLock } from '../store/data-lock';
import { refMirrorPaths } from '../store/data-folder';
import { resolveDataKey, type DataKeyring } from '../keys/data-key';
import { buildLogger } from '../log';
import { openSqlite } from '../store/cipher';
import { databaseState, openKioskDatabase } from '../store/encrypted-database';
import { clearDamageMarker, newQuarantineDir, readDamageMarker } from '../store/quarantine';
import { reconcile } from '../store/reconcile';
import { openRefMirror } from '../store/ref-mirror';
import type { KioskConfig } from '../config/schema';
import { backupDirOf, dataKeyFor, kioskConfigFor, line, refused } from './data-folder-config';
import { exit, flag, type AdminCommand, type AdminIo } from './io';

/** Does this backup open under this kiosk's data key (or the rotation's next one) and pass SQLite's check? */
function sound(path: string, keyring: DataKeyring, nativeBinding?: string): boolean {
  for (const key of [keyring.current, keyring.next]) {
    if (!key || !existsSync(path)) continue;
    try {
      const db = openSqlite(path, { key: key.bytes }, { readonly: true, nativeBinding });
      try {
        if (db.pragma('quick_check', { simple: true }) === 'ok') return true;
      } finally {
        db.close();
      }
    } catch {
      // Another key, or not a database.
    }
  }
  return false;
}

/**
 * Puts a backup of the database back. The current database files are moved aside into the
 * quarantine folder (never deleted); the backup's copy takes their place; then the folder is
 * reconciled (store/reconcile.ts): references never given twice, the restored dossiers' files
 * back from quarantine, and everything the API has not confirmed queued again — the API's
 * idempotency keys make resending safe, so each dossier is accepted exactly once.
 */
export const restoreCommand: AdminCommand = {
  name: 'restore',
  usage: 'restore [--backup <file>] [--config <file>] [--data-dir <folder>]',
  summary: 'Put the newest sound backup (or --backup) back and queue again what the API has not confirmed (exit 66: no backup).',
  async run(io) {
    const config = kioskConfigFor(io, 'restore');
    if (typeof config === 'number') return config;
    try {
      return await restore(io, config);
    } catch (e) {
      return refused(io, 'restore', e);
    }
  },
};

async function restore(io: AdminIo, config: KioskConfig): Promise<number> {
  const dataDir = config.dataDir;
  const lock = acquireDataLock(dataDir, { shell: 'kiosk-admin restore', nativeBinding: io.sqliteNativeBinding });
  try {
    // Backups are under the data key, as the database is: the key is found as the kiosk finds it.
    const resolved = resolveDataKey({
      ...dataKeyFor(io, config),
      dataDir,
      database: databaseState(dataDir) === 'absent' ? 'encrypted' : databaseState(dataDir),
    });
    if (!resolved.ok) throw resolved.error;
    const keyring = resolved.value;
    const chosen =
      flag(io.args, '--backup') ?? listBackups(backupDirOf(config)).find((b) => sound(b, keyring, io.sqliteNativeBinding));
    if (!chosen || !existsSync(chosen)) {
      io.stderr.write(
        `Không có bản sao lưu dùng được / No sound backup found in ${backupDirOf(config)}${chosen ? ` (${chosen} does not exist)` : ''}.\n`,
      );
      io.stderr.write('Without a backup: kiosk-admin acknowledge-damage goes on with the data as it is.\n');
      return 66;
    }
    if (!sound(chosen, keyring, io.sqliteNativeBinding)) {
      io.stderr.write(
        `The backup ${chosen} does not open under this kiosk's data key or does not pass SQLite's check; choose another with --backup FILE.\n`,
      );
      return 65;
    }
    const marker = readDamageMarker(dataDir);
    const quarantineDir =
      marker?.quarantineDir && existsSync(marker.quarantineDir) ? marker.quarantineDir : newQuarantineDir(dataDir, new Date());

    // The database being replaced is evidence too: moved aside, whole.
    const aside = join(quarantineDir, 'database-replaced');
    mkdirSync(aside, { recursive: true });
    for (const name of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]) {
      if (existsSync(join(dataDir, name))) renameSync(join(dataDir, name), join(aside, name));
    }
    copyFileSync(chosen, join(dataDir, DB_FILE));
    const fd = openSync(join(dataDir, DB_FILE), 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }

    const db = openKioskDatabase({
      dataDir,
      keyring,
      logger: buildLogger({ level: 'warn', write: (l) => void io.stderr.write(`${l}\n`) }),
      nativeBinding: io.sqliteNativeBinding,
    });
    lock.phase('open');
    const refs = openRefMirror(refMirrorPaths(dataDir, config.storage.backup.dir));
    try {
      const files = await openAttachmentFiles(dataDir, { crypto: attachmentCrypto(db, keyring) });
      const report = await reconcile({ mode: 'restore', db, files, refs, dataDir, quarantineDir, now: Date.now() });
      clearDamageMarker(dataDir);
      line(io, `Đã khôi phục / Restored: ${basename(chosen)} → ${join(dataDir, DB_FILE)}`);
      line(io, `The replaced database files are in ${aside}.`);
      line(
        io,
        `Outbox now: queued ${report.counts.queued} (${report.requeued} queued again, sent once the kiosk runs), accepted ${report.counts.accepted}, needs attention ${report.counts.needs_attention}.`,
      );
      line(
        io,
        `Attachment files back from quarantine: ${report.filesBack}; moved to quarantine (no dossier in this backup): ${report.filesQuarantined}.`,
      );
      if (report.missingFiles.length > 0)
        line(io, `Waiting for a clerk (their files are gone): ${report.missingFiles.join(', ')}`);
      if (report.lostReferences.length > 0) {
        line(io, 'Mã hồ sơ đã đưa cho công dân sau bản sao lưu này, không có trong cơ sở dữ liệu /');
        line(
          io,
          'References given to citizens after this backup, not in the restored database (check them with the provincial system; their documents are in quarantine):',
        );
        for (const r of report.lostReferences)
          line(io, `  ${formatLocalRef('dossier', config.kioskId, r.day, r.n).replace(/^DL-/, 'DL|KN-')}`);
      }
      line(io, 'Start the kiosk again; the next references continue after every one already given.');
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
