import { resolve } from 'node:path';
import { exportLogs } from '../services/diagnostics/export-logs';
import { collectReport } from './doctor';
import { exit, flag, type AdminCommand } from './io';
import { kioskConfig, positional } from './kiosk-config';

/**
 * `kiosk-admin export-logs DIR`: the IT screen's "export logs" from a shell — a zip in DIR with
 * doctor's report and the kiosk's log files (the Electron app's log folder, or `--log-dir`), every
 * line redacted once more, nothing about citizens.
 */
export const exportLogsCommand: AdminCommand = {
  name: 'export-logs',
  usage: 'export-logs DIR [--log-dir <folder>] [--config <file>]',
  summary: 'Write a zip of the logs and the checks to DIR (e.g. a USB stick); no personal data.',
  async run(io) {
    const folder = positional(io.args)[0];
    if (!folder) {
      io.stderr.write('Usage: kiosk-admin export-logs DIR — the folder to write the zip to.\n');
      return exit.usage;
    }
    const loaded = kioskConfig(io);
    if (!loaded.ok) return loaded.code;
    if (loaded.config.mode === 'demo') {
      io.stderr.write('This is a DEMO kiosk configuration: it keeps no logs to export.\n');
      return exit.usage;
    }
    const collected = await collectReport(io, loaded.config);
    if (!collected.ok) return collected.code;
    const logDirFlag = flag(io.args, '--log-dir');
    const written = exportLogs({
      folder: resolve(folder),
      report: collected.report,
      logDir: logDirFlag ? resolve(logDirFlag) : (io.logDir ?? null),
      recentLines: () => [],
      now: Date.now,
    });
    if (!written.ok) {
      io.stderr.write(`${resolve(folder)} cannot be written (missing, read-only or full): check the folder or the USB stick.\n`);
      return exit.ioError;
    }
    io.stdout.write(`Wrote ${written.value.file} (${written.value.bytes} bytes, ${written.value.entries} files).\n`);
    return exit.ok;
  },
};
