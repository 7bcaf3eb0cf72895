import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { err, ok, type Result } from '../../common/result';

/**
 * Files that hold a secret (a key, sealed or not): readable by their owner only, written whole or
 * not at all. On POSIX the permissions are checked at every read — a key file another account can
 * read is refused, not used — and new files are made 0600 in a 0700 folder. Windows has no mode
 * bits: there the folder's ACL protects the file (README, "Data key"), and `os` protection is the
 * Electron app's default.
 */
export type SecretFileProblem =
  | { kind: 'missing' }
  | { kind: 'exposed'; mode: string }
  | { kind: 'foreign_owner'; uid: number }
  | { kind: 'unreadable'; reason: string };

const posix = (platform: NodeJS.Platform) => platform !== 'win32';

export function readSecretFile(path: string, opts: { platform?: NodeJS.Platform } = {}): Result<Buffer, SecretFileProblem> {
  const platform = opts.platform ?? process.platform;
  let st;
  try {
    st = statSync(path, { throwIfNoEntry: false });
  } catch (e) {
    return err({ kind: 'unreadable', reason: (e as NodeJS.ErrnoException).code ?? 'stat failed' });
  }
  if (!st) return err({ kind: 'missing' });
  if (!st.isFile()) return err({ kind: 'unreadable', reason: 'not a regular file' });
  if (posix(platform)) {
    const mode = st.mode & 0o777;
    if (mode & 0o077) return err({ kind: 'exposed', mode: mode.toString(8).padStart(3, '0') });
    const uid = process.getuid?.();
    // root may read anyone's file; a key owned by another account is still not this kiosk's.
    if (uid !== undefined && st.uid !== uid) return err({ kind: 'foreign_owner', uid: st.uid });
  }
  try {
    return ok(readFileSync(path));
  } catch (e) {
    return err({ kind: 'unreadable', reason: (e as NodeJS.ErrnoException).code ?? 'read failed' });
  }
}

/**
 * Replaces `path` atomically: a temp file (0600) written and fsynced, renamed over, the folder
 * fsynced — a crash leaves the old file or the new one, never a torn one.
 */
export function writeSecretFile(path: string, body: Buffer | string, opts: { platform?: NodeJS.Platform } = {}): void {
  const platform = opts.platform ?? process.platform;
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    try {
      writeSync(fd, typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  // A new name is durable only once its folder is; Windows cannot fsync a folder (and need not).
  if (posix(platform)) {
    const dfd = openSync(dir, 'r');
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  }
}

/** Whether `inner` is `outer` or somewhere below it (case-insensitively on Windows). */
export function isInside(inner: string, outer: string, platform: NodeJS.Platform = process.platform): boolean {
  const norm = (p: string) => {
    const trimmed = p.replace(/[\\/]+$/, '');
    return platform === 'win32' ? trimmed.replace(/\//g, '\\').toLowerCase() : trimmed;
  };
  const a = norm(inner);
  const b = norm(outer);
  const sep = platform === 'win32' ? '\\' : '/';
  return a === b || a.startsWith(b + sep);
}
