import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDataKey } from '../keys/data-key';
import { rotateDataKey } from '../keys/rotate';
import { fileOnlySealers } from '../keys/sealer';
import { silentLogger } from '../log';
import { dataFolderRefusal } from '../store/data-folder';
import { acquireDataLock } from '../store/data-lock';
import { listBackups } from '../store/backup';
import { databaseState, DATABASE_FILE, keyOpening } from '../store/encrypted-database';
import { backupDirOf, kioskConfigFor } from './data-folder-config';
import { exit, type AdminCommand } from './io';

/**
 * `kiosk-admin rotate-key`: moves the kiosk's data to a new data key (keys/rotate.ts), with the
 * kiosk stopped (it takes the data folder's lock). Crash-safe at every step: stopped anywhere,
 * the kiosk starts with whichever key its data is under, and the command, run again, finishes.
 * Each step is printed as it completes, so a long rotation shows where it is.
 *
 * The backups move to the new key with the database: the old key is forgotten at the end, and a
 * backup left under it could never be restored. A backup that opens with neither key (damaged, or
 * from another kiosk) is left as it is and named, rather than stopping the rotation.
 */
export const rotateKeyCommand: AdminCommand = {
  name: 'rotate-key',
  usage: 'rotate-key [--config <file>] [--data-dir <folder>]',
  summary: 'Give this kiosk (stopped) a new data key: every attachment file and the database move to it, then the old key is forgotten.',
  async run(io) {
    const config = kioskConfigFor(io, 'rotate-key');
    if (typeof config === 'number') return config;
    if (!existsSync(join(config.dataDir, DATABASE_FILE))) {
      io.stderr.write(`rotate-key: no kiosk database in ${config.dataDir}\n`);
      return exit.config;
    }
    let lock;
    try {
      lock = acquireDataLock(config.dataDir, { shell: 'kiosk-admin', nativeBinding: io.sqliteNativeBinding });
    } catch (e) {
      const refusal = dataFolderRefusal(e);
      if (!refusal) throw e;
      io.stderr.write(`rotate-key: ${refusal.message}\n`);
      return refusal.code;
    }
    try {
      const keyring = resolveDataKey({
        dataDir: config.dataDir,
        settings: { file: config.dataKey.file ?? null, protection: config.dataKey.protection ?? null },
        env: io.env,
        keys: io.keys ?? { sealerFor: fileOnlySealers, defaultProtection: 'file' },
        database: databaseState(config.dataDir),
        // Never make a key here: the database exists, and only its own key may open it.
        demo: false,
      });
      if (!keyring.ok) {
        io.stderr.write(`rotate-key: ${keyring.error.message}\n`);
        return keyring.error.exitCode;
      }
      if (keyring.value.source === 'env') {
        io.stderr.write('rotate-key: the data key comes from KIOSK_DATA_KEY; it is changed where that variable is set. Keep a key you want to rotate in a key file (README, "Data key").\n');
        return exit.config;
      }
      io.stdout.write(`Data key ${keyring.value.current.id} in ${keyring.value.file}\n`);
      const keys = [keyring.value.current.bytes, ...(keyring.value.next ? [keyring.value.next.bytes] : [])];
      const backups = listBackups(backupDirOf(config));
      const underOurKeys = backups.filter((b) => keyOpening(b, keys, io.sqliteNativeBinding) !== null);
      for (const b of backups.filter((b) => !underOurKeys.includes(b))) {
        io.stderr.write(`rotate-key: left as it is, it opens with neither this kiosk's key nor the new one: ${b}\n`);
      }
      const result = await rotateDataKey({
        dataDir: config.dataDir,
        keyring: keyring.value,
        databases: underOurKeys,
        nativeBinding: io.sqliteNativeBinding,
        logger: silentLogger,
        // Staged files are sealed with a key of the visit, which a stopped kiosk no longer has; they go at the next start.
        skip: [join(config.dataDir, 'staging')],
        onStep: (step) => io.stdout.write(`step: ${step}\n`),
      });
      io.stdout.write(`The data is now under key ${result.to} (${result.files} files sealed again, ${underOurKeys.length} backups moved). Keep a copy of ${keyring.value.file} where IT keeps its keys.\n`);
      return exit.ok;
    } finally {
      lock.release();
    }
  },
};
