import { closeSync, fstatSync, ftruncateSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface LogFile {
  write(line: string): void;
  close(): void;
}

/**
 * Log lines appended to `<dir>/kiosk.log`, for IT: a kiosk started from a shortcut or at login
 * has no console to read stderr from. Rotated by size — kiosk.log → kiosk.1.log … kiosk.<keep>.log,
 * the oldest dropped — so a kiosk that runs for years never fills its disk. Lines are appended
 * synchronously without fsync (microseconds each): the last lines before a power cut may be
 * lost, which a log can afford. Lines hold what the logger let through (no personal data,
 * log.ts). If the folder cannot be written (a full or failing disk), lines are dropped and
 * counted, writing is tried again after `retryMs`, and the first line that lands says how many
 * were lost; the kiosk goes on either way.
 */
export function openLogFile(opts: {
  dir: string;
  fileName?: string;
  maxBytes?: number;
  keep?: number;
  onError?: (e: unknown) => void;
  retryMs?: number;
  now?: () => number;
}): LogFile {
  const name = opts.fileName ?? 'kiosk.log';
  const maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
  const keep = opts.keep ?? 5;
  const retryMs = opts.retryMs ?? 60_000;
  const now = opts.now ?? Date.now;
  const path = (n: number) => join(opts.dir, n === 0 ? name : name.replace(/(\.log)?$/, `.${n}$1`));
  let fd: number | null = null;
  let size = 0;
  let failedAt: number | null = null;
  let dropped = 0;

  const fail = (e: unknown) => {
    const first = failedAt === null;
    failedAt = now();
    try {
      if (fd !== null) closeSync(fd);
    } catch {
      // Already broken; nothing more to lose.
    }
    fd = null;
    if (first) opts.onError?.(e);
  };
  const open = () => {
    mkdirSync(opts.dir, { recursive: true });
    fd = openSync(path(0), 'a');
    size = fstatSync(fd).size;
  };
  const rotate = () => {
    if (fd !== null) closeSync(fd);
    fd = null;
    rmSync(path(keep), { force: true });
    for (let n = keep - 1; n >= 0; n--) {
      try {
        renameSync(path(n), path(n + 1));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
    open();
  };
  const append = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    if (size > 0 && size + bytes.length > maxBytes) rotate();
    let done = 0;
    try {
      while (done < bytes.length) {
        const n = writeSync(fd!, bytes, done, bytes.length - done);
        if (n === 0) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
        done += n;
      }
      size += done;
    } catch (e) {
      // A full disk took part of the line: cut it off again (shrinking needs no space), so the
      // file holds whole lines only.
      if (done > 0) ftruncateSync(fd!, size);
      throw e;
    }
  };

  return {
    write(line) {
      if (failedAt !== null && now() - failedAt < retryMs) {
        dropped += 1;
        return;
      }
      try {
        if (fd === null) open();
        if (failedAt !== null) {
          append(`${JSON.stringify({ t: new Date(now()).toISOString(), level: 'warn', event: 'log.lines_dropped', dropped })}\n`);
          failedAt = null;
          dropped = 0;
        }
        append(`${line}\n`);
      } catch (e) {
        dropped += 1;
        fail(e);
      }
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}
