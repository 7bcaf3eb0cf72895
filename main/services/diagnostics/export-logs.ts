import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { DiagnosticsReport } from '../../../common/contract/diagnostics';
import { kioskError, type KioskError } from '../../../common/errors';
import { err, ok, type Result } from '../../../common/result';
import { redact, type LogFields } from '../../log';
import { zip, type ZipEntry } from './zip';

/** kiosk.log and its rotations (log-file.ts): kiosk.1.log … kiosk.5.log. */
const LOG_FILE = /^kiosk(\.\d{1,2})?\.log$/;

/**
 * IT's "export logs": one zip in `folder` (a USB stick) with the diagnostics report, the log
 * files and the lines logged since the kiosk started. Logs hold no personal data by design
 * (log.ts); every line goes through the logger's redaction once more on its way out, and
 * anything that is not a log line (a stray stack trace on stderr) is left behind, so the zip is
 * safe to mail to a vendor. Written under a temporary name and renamed, so a stick pulled out
 * mid-write leaves no half zip that looks whole.
 */
export function exportLogs(opts: {
  folder: string;
  report: DiagnosticsReport;
  /** The folder the shell's log file rotates in (Electron); null when it logs to stderr only. */
  logDir: string | null;
  /** The lines logged since start (the in-memory ring, log.ts). */
  recentLines: () => readonly string[];
  now: () => number;
}): Result<{ file: string; bytes: number; entries: number }, KioskError> {
  const at = new Date(opts.now());
  const entries: ZipEntry[] = [{ name: 'diagnostics.json', data: Buffer.from(`${JSON.stringify(opts.report, null, 2)}\n`) }];
  if (opts.logDir) {
    let names: string[] = [];
    try {
      names = readdirSync(opts.logDir).filter((n) => LOG_FILE.test(n));
    } catch {
      // No log folder yet: the recent lines still go.
    }
    for (const name of names.sort()) {
      try {
        entries.push({ name: `logs/${name}`, data: Buffer.from(scrubLines(readFileSync(join(opts.logDir, name), 'utf8').split('\n'))) });
      } catch {
        // Rotated away while we read: the next one has its lines.
      }
    }
  }
  entries.push({ name: 'recent.log', data: Buffer.from(scrubLines(opts.recentLines())) });

  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');
  const file = join(opts.folder, `kiosk-logs-${safeName(opts.report.kiosk.kioskId)}-${stamp}.zip`);
  const partial = `${file}.part`;
  const bytes = zip(entries, at);
  try {
    if (!statSync(opts.folder).isDirectory()) return err(kioskError('export_folder_unavailable'));
    const fd = openSync(partial, 'wx', 0o600);
    try {
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, file);
  } catch {
    rmSync(partial, { force: true });
    return err(kioskError('export_folder_unavailable'));
  }
  return ok({ file, bytes: bytes.length, entries: entries.length });
}

/** Each JSON log line redacted again; anything else dropped. */
export function scrubLines(lines: readonly string[]): string {
  const out: string[] = [];
  for (const line of lines) {
    if (!line.startsWith('{')) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) continue;
    const fields: LogFields = {};
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
      if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') fields[k] = v;
    }
    // The timestamp is the one long digit run a line must keep readable.
    const { t, ...rest } = fields;
    out.push(JSON.stringify({ t, ...redact(rest) }));
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');
