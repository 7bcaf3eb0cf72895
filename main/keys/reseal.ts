import { randomBytes } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, fsyncSync, lstatSync, openSync, readSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { openStream, SEALED_HEADER_BYTES, sealStream, type FileKey } from './file-cipher';

/**
 * Key rotation's part for files: every sealed file under `root` (attachments, quarantined
 * evidence, whatever else is sealed) that another key sealed is sealed again with `sealWith`: a
 * temp copy beside it, fsynced, renamed over it. A stop at any moment leaves each file whole
 * under the old key or the new one, and the rotation, run again, carries on where it stopped.
 * `skip` names folders left alone (the staging area: its files are sealed with a key of the
 * visit, which a stopped kiosk no longer has, and are wiped at the next start).
 */
export async function resealFiles(root: string, opts: { sealWith: FileKey; keyFor: (id: string) => Buffer | null; skip?: readonly string[] }): Promise<number> {
  let count = 0;
  const walk = async (dir: string): Promise<void> => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = lstatSync(path);
      if (st.isDirectory()) {
        if (!(opts.skip ?? []).includes(path)) await walk(path);
        continue;
      }
      if (!st.isFile() || name.includes('.reseal-')) continue;
      const keyId = sealedKeyId(path);
      if (keyId === null || keyId === opts.sealWith.id) continue;
      const temp = join(dirname(path), `.${name}.reseal-${randomBytes(4).toString('hex')}`);
      try {
        await pipeline(createReadStream(path), openStream(opts.keyFor), sealStream(opts.sealWith), createWriteStream(temp, { flags: 'wx' }));
        fsyncPath(temp);
        renameSync(temp, path);
      } catch (e) {
        rmSync(temp, { force: true });
        throw e;
      }
      fsyncPath(dirname(path));
      count += 1;
    }
  };
  await walk(root);
  return count;
}

/** Reseal temp copies a stop left behind (they are never needed: the original is still there). */
export function removeResealLeftovers(root: string): void {
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = lstatSync(path);
      if (st.isDirectory()) walk(path);
      else if (name.includes('.reseal-')) rmSync(path, { force: true });
    }
  };
  walk(root);
}

/** The key id in a sealed file's header, or null for a file that is not sealed. */
function sealedKeyId(path: string): string | null {
  const head = Buffer.alloc(SEALED_HEADER_BYTES);
  const fd = openSync(path, 'r');
  try {
    if (readSync(fd, head, 0, SEALED_HEADER_BYTES, 0) < SEALED_HEADER_BYTES) return null;
  } finally {
    closeSync(fd);
  }
  return head.subarray(0, 4).toString('latin1') === 'KDVF' ? head.subarray(8, 16).toString('hex') : null;
}

function fsyncPath(path: string): void {
  if (process.platform === 'win32' && lstatSync(path).isDirectory()) return;
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
