import { buildLogger } from '../log';
import { backupNow } from '../store/backup';
import { openDataFolder } from '../store/data-folder';
import { backupDirOf, dataKeyFor, kioskConfigFor, line, refused } from './data-folder-config';
import { exit, type AdminCommand } from './io';

/** A backup now (a running kiosk backs up by itself after sent batches and hourly). */
export const backupCommand: AdminCommand = {
  name: 'backup',
  usage: 'backup [--config <file>] [--data-dir <folder>]',
  summary: 'Take a backup of the database now (the kiosk stopped; a running kiosk backs up by itself).',
  async run(io) {
    const config = kioskConfigFor(io, 'backup');
    if (typeof config === 'number') return config;
    const logger = buildLogger({ level: 'warn', write: (l) => void io.stderr.write(`${l}\n`) });
    let data;
    try {
      data = await openDataFolder({ dataDir: config.dataDir, shell: 'kiosk-admin backup', logger, nativeBinding: io.sqliteNativeBinding, backupDir: config.storage.backup.dir, kioskId: config.kioskId, dataKey: dataKeyFor(io, config) });
    } catch (e) {
      return refused(io, 'backup', e);
    }
    try {
      const path = await backupNow({ db: data.db, dir: backupDirOf(config), keep: config.storage.backup.keep, encryption: { key: data.keyring.current.bytes }, nativeBinding: io.sqliteNativeBinding });
      line(io, `Đã sao lưu / Backup written: ${path}`);
      return exit.ok;
    } finally {
      await data.close();
    }
  },
};
