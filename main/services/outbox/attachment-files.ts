import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { err, ok, type Result } from '../../../common/result';

/**
 * Attachment files, content-addressed: `<dataDir>/attachments/<sha256>`. A file appears under its
 * final name only complete and on disk (temp name → fsync → rename → directory fsync), so a name
 * that exists is always whole, and the outbox row that refers to it commits after all that.
 */
const COPY_BUFFER_BYTES = 1024 * 1024;
/** Enough for the parallel stores of one enqueue (outbox.ts); more would only hold memory. */
const MAX_POOLED_BUFFERS = 4;

export type StoreProblem = 'unreadable' | 'mismatch' | 'too_large' | 'empty' | 'storage';

export interface AttachmentFiles {
  dir: string;
  pathOf(sha256: string): string;
  /** Copies the source in, hashing on the way; checks the hash the caller expected, if any. */
  store(sourcePath: string, opts: { expectedSha256?: string; maxBytes: number }): Promise<Result<{ sha256: string; size: number }, StoreProblem>>;
  /** Makes completed renames durable; once per enqueue, for all its files. */
  syncDir(): Promise<void>;
  exists(sha256: string): Promise<boolean>;
  remove(sha256: string): Promise<void>;
  /** Left-overs of a crash: temp files, and files no row refers to. */
  sweep(isReferenced: (sha256: string) => boolean): Promise<number>;
}

const TEMP_PREFIX = '.tmp-';

export async function openAttachmentFiles(dataDir: string): Promise<AttachmentFiles> {
  const dir = join(dataDir, 'attachments');
  await mkdir(dir, { recursive: true });
  const pathOf = (sha256: string) => join(dir, sha256);
  const buffers: Buffer[] = [];

  return {
    dir,
    pathOf,
    async store(sourcePath, opts) {
      const temp = join(dir, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
      const hash = createHash('sha256');
      let size = 0;
      let out;
      try {
        out = await open(temp, 'wx');
      } catch {
        return err('storage');
      }
      let problem: StoreProblem | null = null;
      let source;
      try {
        source = await open(sourcePath, 'r');
      } catch {
        problem = 'unreadable';
      }
      // Copy buffers are reused across stores: memory stays flat whatever the file size, and a
      // fresh 1 MiB allocation per file costs more in page faults than the copy itself.
      const buffer = buffers.pop() ?? Buffer.allocUnsafe(COPY_BUFFER_BYTES);
      try {
        while (source && !problem) {
          let read: number;
          try {
            ({ bytesRead: read } = await source.read(buffer, 0, buffer.length, null));
          } catch {
            problem = 'unreadable';
            break;
          }
          if (read === 0) break;
          size += read;
          if (size > opts.maxBytes) {
            problem = 'too_large';
            break;
          }
          const chunk = buffer.subarray(0, read);
          hash.update(chunk);
          await out.write(chunk, 0, read);
        }
        if (!problem) await out.sync();
      } catch {
        problem = 'storage';
      } finally {
        if (buffers.length < MAX_POOLED_BUFFERS) buffers.push(buffer);
        await source?.close().catch(() => undefined);
        await out.close().catch(() => undefined);
      }
      const sha256 = hash.digest('hex');
      if (!problem && size === 0) problem = 'empty';
      if (!problem && opts.expectedSha256 !== undefined && opts.expectedSha256 !== sha256) problem = 'mismatch';
      if (problem) {
        await unlink(temp).catch(() => undefined);
        return err(problem);
      }
      try {
        await rename(temp, pathOf(sha256));
      } catch {
        await unlink(temp).catch(() => undefined);
        return err('storage');
      }
      return ok({ sha256, size });
    },
    async syncDir() {
      const handle = await open(dir, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
    async exists(sha256) {
      return stat(pathOf(sha256)).then(
        (s) => s.isFile(),
        () => false,
      );
    },
    async remove(sha256) {
      await unlink(pathOf(sha256)).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
    },
    async sweep(isReferenced) {
      let removed = 0;
      for (const name of await readdir(dir)) {
        if (name.startsWith(TEMP_PREFIX) || (/^[0-9a-f]{64}$/.test(name) && !isReferenced(name))) {
          await unlink(join(dir, name)).catch(() => undefined);
          removed += 1;
        }
      }
      return removed;
    },
  };
}
