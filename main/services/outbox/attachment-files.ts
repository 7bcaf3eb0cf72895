import { createHash, randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, open, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { err, ok, type Result } from '../../../common/result';

/**
 * Attachment files, content-addressed: `<dataDir>/attachments/<sha256>`. A file appears under its
 * final name only complete and on disk (temp name → fsync → rename → directory fsync), so a name
 * that exists is always whole, and the outbox row that refers to it commits after all that.
 */
const COPY_BUFFER_BYTES = 1024 * 1024;
/** Two per store, for the parallel stores of one enqueue (outbox.ts); more would only hold memory. */
const MAX_POOLED_BUFFERS = 8;

function isStoredFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

/** A failed read of the source file, told apart from a failed write of ours. */
class SourceError extends Error {}

async function readChunk(source: FileHandle, buffer: Buffer): Promise<number> {
  try {
    return (await source.read(buffer, 0, buffer.length, null)).bytesRead;
  } catch {
    throw new SourceError('unreadable');
  }
}

export type StoreProblem = 'unreadable' | 'mismatch' | 'too_large' | 'empty' | 'storage';

export interface AttachmentFiles {
  dir: string;
  pathOf(sha256: string): string;
  /** Copies the source in, hashing on the way; checks the hash the caller expected, if any. */
  store(sourcePath: string, opts: { expectedSha256?: string; maxBytes: number }): Promise<Result<{ sha256: string; size: number }, StoreProblem>>;
  /** Makes completed renames durable; once per enqueue, for all its files. */
  syncDir(): Promise<void>;
  /**
   * Synchronous on purpose: a stat of a file in our own directory takes microseconds, while an
   * async one waits for a thread-pool slot and an event-loop turn behind the uploads in flight
   * (≈ 0.9 ms each in the drain benchmark) — per attachment, per delivery.
   */
  exists(sha256: string): boolean;
  remove(sha256: string): Promise<void>;
  /** Left-overs of a crash: temp files, and files no row refers to. */
  sweep(isReferenced: (sha256: string) => boolean): Promise<number>;
}

const TEMP_PREFIX = '.tmp-';

export async function openAttachmentFiles(dataDir: string, opts: { platform?: NodeJS.Platform } = {}): Promise<AttachmentFiles> {
  const platform = opts.platform ?? process.platform;
  const dir = join(dataDir, 'attachments');
  await mkdir(dir, { recursive: true });
  const pathOf = (sha256: string) => join(dir, sha256);
  const buffers: Buffer[] = [];

  return {
    dir,
    pathOf,
    async store(sourcePath, opts) {
      const temp = join(dir, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
      const [target, origin] = await Promise.allSettled([open(temp, 'wx'), open(sourcePath, 'r')]);
      if (target.status === 'rejected') {
        if (origin.status === 'fulfilled') await origin.value.close().catch(() => undefined);
        return err('storage');
      }
      const out = target.value;
      const source = origin.status === 'fulfilled' ? origin.value : null;
      let problem: StoreProblem | null = source ? null : 'unreadable';
      const hash = createHash('sha256');
      let size = 0;
      // Two buffers, reused across stores (a fresh 1 MiB allocation per file costs more in page
      // faults than the copy): while one chunk is written (and, for the last, fsynced) on the
      // thread pool, this thread hashes it and the next chunk is read into the other buffer.
      let current = buffers.pop() ?? Buffer.allocUnsafe(COPY_BUFFER_BYTES);
      let spare = buffers.pop() ?? Buffer.allocUnsafe(COPY_BUFFER_BYTES);
      let synced = false;
      try {
        let read = source ? await readChunk(source, current) : 0;
        while (source && !problem && read > 0) {
          size += read;
          if (size > opts.maxBytes) {
            problem = 'too_large';
            break;
          }
          const chunk = current.subarray(0, read);
          // A short read is the end of a regular file: fsync now, overlapped with the hashing and
          // with the read that confirms the end. Should more bytes come after all, sync again.
          const atEnd = read < current.length;
          const written = atEnd ? out.write(chunk, 0, read).then(() => out.sync()) : out.write(chunk, 0, read);
          const nextRead = readChunk(source, spare);
          hash.update(chunk);
          const [, next] = await Promise.all([written, nextRead]);
          synced = atEnd;
          read = next;
          [current, spare] = [spare, current];
        }
        if (!problem && !synced) await out.sync();
      } catch (e) {
        problem = e instanceof SourceError ? 'unreadable' : 'storage';
      } finally {
        // A handle closes once its pending operations are done; only then are the buffers free.
        await Promise.all([source?.close().catch(() => undefined), out.close().catch(() => undefined)]);
        for (const b of [current, spare]) if (buffers.length < MAX_POOLED_BUFFERS) buffers.push(b);
      }
      const sha256 = hash.digest('hex');
      if (!problem && size === 0) problem = 'empty';
      if (!problem && opts.expectedSha256 !== undefined && opts.expectedSha256 !== sha256) problem = 'mismatch';
      if (problem) {
        await unlink(temp).catch(() => undefined);
        return err(problem);
      }
      try {
        // Content-addressed: a file already stored under this name holds these very bytes (and is
        // on disk). Keep it rather than replace it — on Windows it may be open for an upload.
        if (isStoredFile(pathOf(sha256))) await unlink(temp);
        else await rename(temp, pathOf(sha256));
      } catch {
        await unlink(temp).catch(() => undefined);
        return err('storage');
      }
      return ok({ sha256, size });
    },
    async syncDir() {
      // POSIX makes a new name durable only once its directory is fsynced. Windows cannot fsync
      // a directory (FlushFileBuffers on a directory handle fails with EPERM, nodejs/node#3879):
      // NTFS journals the rename as metadata, and the SQLite commit that follows flushes its WAL
      // file with FlushFileBuffers, which writes the volume's journal out through that point,
      // rename included. (Reasoned from NTFS's design; not measured on Windows hardware here.)
      if (platform === 'win32') return;
      const handle = await open(dir, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
    exists: (sha256) => isStoredFile(pathOf(sha256)),
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
