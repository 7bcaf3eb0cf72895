import { buildLogger } from '../log';
import { listBackups } from '../store/backup';
import { openDataFolder } from '../store/data-folder';
import { buildStorageGuard } from '../store/storage-guard';
import { buildRepairRepository } from '../store/repair-repository';
import { backupDirOf, dataKeyFor, kioskConfigFor, line, refused } from './data-folder-config';
import { exit, type AdminCommand } from './io';

const mb = (bytes: number | null) => (bytes === null ? '?' : `${Math.floor(bytes / 1048576)} MB`);

/**
 * The start-up check without starting the kiosk: the same check, with the same consequence on
 * damage (what cannot be accounted for goes to quarantine, exit 65), then the disk against its
 * floor, the outbox and the backups. The kiosk must be stopped (it holds the folder's lock).
 */
export const checkCommand: AdminCommand = {
  name: 'check',
  usage: 'check [--config <file>] [--data-dir <folder>]',
  summary: 'Check the data folder as a start does (exit 65 if damaged), the free space against the floor, the outbox and the backups.',
  async run(io) {
    const config = kioskConfigFor(io, 'check');
    if (typeof config === 'number') return config;
    const logger = buildLogger({ level: 'warn', write: (l) => void io.stderr.write(`${l}\n`) });
    let data;
    try {
      data = await openDataFolder({ dataDir: config.dataDir, shell: 'kiosk-admin check', logger, nativeBinding: io.sqliteNativeBinding, backupDir: config.storage.backup.dir, kioskId: config.kioskId, dataKey: dataKeyFor(io, config) });
    } catch (e) {
      return refused(io, 'check', e);
    }
    try {
      line(io, `Thư mục dữ liệu không có lỗi / Data folder OK: ${config.dataDir}`);
      const disk = buildStorageGuard({
        dataDir: config.dataDir,
        floor: { minFreeBytes: config.storage.minFreeMegabytes * 1048576, minFreePercent: config.storage.minFreePercent },
        now: Date.now,
        logger,
      }).status();
      line(io, `Disk: ${mb(disk.freeBytes)} free, floor ${mb(disk.floorBytes)} — ${disk.acceptingDossiers ? 'taking new dossiers' : 'BELOW THE FLOOR: new dossiers are refused'}`);
      const counts = buildRepairRepository(data.db).stateCounts();
      line(io, `Outbox: ${counts.map((c) => `${c.state} ${c.n}`).join(', ') || 'empty'}`);
      const refs = data.refs.current();
      if (refs) line(io, `References: day ${refs.day}, last given ${refs.committed}, reserved up to ${refs.reserved}`);
      const backups = listBackups(backupDirOf(config));
      line(io, `Backups in ${backupDirOf(config)}: ${backups.length === 0 ? 'none yet' : backups.length}`);
      for (const b of backups) line(io, `  ${b}`);
      return exit.ok;
    } finally {
      await data.close();
    }
  },
};
