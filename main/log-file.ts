import { closeSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
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
 * log.ts). If the folder cannot be written, logging to it stops; the kiosk goes on.
 */
export function openLogFile(opts: { dir: string; fileName?: string; maxBytes?: number; keep?: number; onError?: (e: unknown) => void }): LogFile {
  const name = opts.fileName ?? 'kiosk.log';
  const maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
  const keep = opts.keep ?? 5;
  const path = (n: number) => join(opts.dir, n === 0 ? name : name.replace(/(\.log)?$/, `.${n}$1`));
  let fd: number | null = null;
  let size = 0;
  let failed = false;

  const fail = (e: unknown) => {
    failed = true;
    try {
      if (fd !== null) closeSync(fd);
    } catch {
      // Already broken; nothing more to lose.
    }
    fd = null;
    opts.onError?.(e);
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

  return {
    write(line) {
      if (failed) return;
      try {
        if (fd === null) open();
        const bytes = Buffer.from(`${line}\n`, 'utf8');
        if (size > 0 && size + bytes.length > maxBytes) rotate();
        size += writeSync(fd!, bytes);
      } catch (e) {
        fail(e);
      }
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}
