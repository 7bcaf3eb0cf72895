import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileOnlySealers } from '../keys/sealer';
import { silentLogger } from '../log';
import { buildAuditRepository } from '../services/staff/audit';
import { dataFolderRefusal, openDataFolder } from '../store/data-folder';
import { kioskConfigFor } from './data-folder-config';
import { exit, flag, type AdminCommand } from './io';

/**
 * `kiosk-admin audit [--last 20]`: what staff did on this kiosk, from its database. The database
 * is encrypted and one process at a time may hold the data folder, so this opens it the way the
 * kiosk does (store/data-folder.ts: the folder lock, then the data key): run it while the kiosk is
 * stopped. Counts per action, then the latest entries; there is no citizen data in the log to show.
 */
export const auditCommand: AdminCommand = {
  name: 'audit',
  usage: 'audit [--last <n>] [--config <file>] [--data-dir <folder>]',
  summary: 'Show the staff audit log of this kiosk (stopped): counts per action and the latest entries.',
  async run(io) {
    const config = kioskConfigFor(io, 'audit');
    if (typeof config === 'number') return config;
    if (!existsSync(join(config.dataDir, 'kiosk.sqlite3'))) {
      io.stderr.write(`audit: no kiosk database in ${config.dataDir}\n`);
      return exit.config;
    }
    const last = Math.min(1000, Math.max(0, Number(flag(io.args, '--last') ?? 20) || 0));
    let folder;
    try {
      folder = await openDataFolder({
        dataDir: config.dataDir,
        shell: 'kiosk-admin',
        logger: silentLogger,
        nativeBinding: io.sqliteNativeBinding,
        dataKey: {
          settings: { file: config.dataKey.file ?? null, protection: config.dataKey.protection ?? null },
          env: io.env,
          keys: io.keys ?? { sealerFor: fileOnlySealers, defaultProtection: 'file' },
          // Never make a key here: the database exists, and only its own key may open it.
          demo: false,
        },
      });
    } catch (e) {
      const refusal = dataFolderRefusal(e);
      if (!refusal) throw e;
      io.stderr.write(`audit: ${refusal.message}\n`);
      return refusal.code;
    }
    try {
      const log = buildAuditRepository(folder.db);
      const s = log.summary();
      io.stdout.write(`Staff audit log: ${s.total} entries${s.firstAt ? ` since ${s.firstAt}` : ''}\n`);
      for (const a of s.byAction) io.stdout.write(`  ${a.action.padEnd(28)} ok ${String(a.ok).padStart(6)}   refused ${String(a.refused).padStart(6)}\n`);
      if (last > 0 && s.total > 0) {
        io.stdout.write(`Latest ${Math.min(last, s.total)}:\n`);
        for (const e of log.recent(last)) {
          io.stdout.write(`  ${new Date(e.at).toISOString()}  ${(e.staffId ?? '-').padEnd(16)} ${e.action.padEnd(28)} ${e.outcome}${e.subject ? `  ${e.subject}` : ''}\n`);
        }
      }
      return exit.ok;
    } finally {
      await folder.close();
    }
  },
};
