import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { createAuditLog } from '../services/staff/audit';
import { configPath, readConfigDoc } from './config-file';
import { exit, flag, type AdminCommand, type AdminIo } from './io';

/**
 * `kiosk-admin audit [--last 20]`: what staff did on this kiosk, from its database, read-only
 * (safe while the kiosk runs). Counts per action, then the latest entries; no citizen data is
 * in the log to show.
 */
function dataDirOf(io: AdminIo): string {
  const explicit = flag(io.args, '--data-dir') ?? io.env.KIOSK_DATA_DIR;
  if (explicit) return resolve(explicit);
  const path = configPath(io);
  const doc = readConfigDoc(path, { create: false });
  if (!('problem' in doc) && typeof doc.raw.dataDir === 'string') return resolve(dirname(path), doc.raw.dataDir);
  return io.defaultDataDir;
}

export const auditCommand: AdminCommand = {
  name: 'audit',
  usage: 'audit [--last <n>] [--data-dir <folder> | --config <file>]',
  summary: 'Show the staff audit log of this kiosk: counts per action and the latest entries.',
  async run(io) {
    const file = join(dataDirOf(io), 'kiosk.sqlite3');
    if (!existsSync(file)) {
      io.stderr.write(`audit: no kiosk database at ${file}\n`);
      return exit.config;
    }
    const last = Math.min(1000, Math.max(0, Number(flag(io.args, '--last') ?? 20) || 0));
    const db = new Database(file, { readonly: true, fileMustExist: true, ...(io.sqliteNativeBinding ? { nativeBinding: io.sqliteNativeBinding } : {}) });
    try {
      const hasLog = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'staff_audit'").get();
      if (!hasLog) {
        io.stdout.write('This kiosk has no staff audit log yet (start the new version once).\n');
        return exit.ok;
      }
      const log = createAuditLog(db);
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
      db.close();
    }
  },
};
