import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real small disk for storage-fault tests: a tmpfs mounted on a temp folder (root only; CI runs
 * as root). `fill()` takes its free space from outside the code under test, as another program or
 * a growing log would; `unfill()` gives it back. Where mounting is not permitted, `mountTmpfs`
 * returns null and the suites skip with `TMPFS_SKIP_REASON` in their name.
 */
export interface SmallDisk {
  dir: string;
  freeBytes(): number;
  /** Writes a filler file until the disk is full, then gives back `leaveBytes` (rounded to pages). */
  fill(leaveBytes?: number): void;
  unfill(): void;
  unmount(): void;
}

function tryMount(dir: string, sizeBytes: number): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function mountTmpfs(sizeBytes = 2 * 1024 * 1024): SmallDisk | null {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-tmpfs-'));
  if (!tryMount(dir, sizeBytes)) {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  const filler = join(dir, 'filler-from-outside');
  const freeBytes = () => {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  };
  return {
    dir,
    freeBytes,
    fill(leaveBytes = 0) {
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(64 * 1024);
      try {
        for (;;) {
          const free = freeBytes();
          if (free <= leaveBytes) break;
          writeSync(fd, chunk, 0, Math.min(chunk.length, Math.max(4096, free - leaveBytes)));
        }
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
      } finally {
        closeSync(fd);
      }
    },
    unfill() {
      rmSync(filler, { force: true });
    },
    unmount() {
      try {
        execFileSync('umount', [dir], { stdio: 'ignore' });
      } catch {
        // Still busy (a child process holding a file): detach it now, the kernel frees it later.
        execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Probed once per test file: may this process mount a tmpfs? */
export const tmpfsAvailable: boolean = (() => {
  const disk = mountTmpfs(64 * 1024);
  disk?.unmount();
  return disk !== null;
})();

export const TMPFS_SKIP_REASON = tmpfsAvailable
  ? ''
  : ' [SKIPPED: mounting a tmpfs is not permitted here; run as root (CI does)]';
if (!tmpfsAvailable) process.stderr.write('storage tests: cannot mount a tmpfs (not root?); the full-disk tests are skipped\n');
