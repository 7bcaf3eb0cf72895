import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { mkdir, open, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, pipeline, type Readable } from 'node:stream';
import { err, ok, type Result } from '../../../common/result';
import { SealedFileError, sealedFormat, type FileFormat, type FileKey, type Opener } from '../../keys/file-cipher';

/**
 * Attachment files: `<dataDir>/attachments/<name>`, where the name is a keyed hash of the
 * document's SHA-256 (`crypto.nameOf`) — content-addressed, so the same scan is kept once, but
 * the name says nothing about which document it is to someone without the key — and the bytes
 * are sealed (keys/file-cipher.ts: chunked AES-256-GCM under the data key). Everything else in
 * the kiosk speaks of a file by its SHA-256; only this module knows names and seals.
 *
 * A file appears under its final name only complete, on disk, and referred to by a committed
 * outbox row:
 *
 *   temp name → write → fsync → `.pending-<tag>-<name>` → directory fsync → (row commits)
 *   → final name
 *
 * where `tag` is the submission's idempotency key. So at any moment every file can be accounted
 * for: a temp name is a copy in progress, a pending name belongs to the store tagged in its name
 * (kept if that row committed, removable if not: nobody was told), and a final name was committed.
 * A final name that no row refers to means the database lost rows: that file is evidence, and the
 * start-up check moves it to quarantine instead of deleting it (still sealed: the data key opens
 * it even without the database). Every file operation of the attachment store lives here.
 */
export interface AttachmentCrypto {
  /** The file name for a document's SHA-256: a keyed hash, 64 hex characters. */
  nameOf(sha256: string): string;
  /** The key new files are sealed with (the current data key). */
  sealWith: FileKey;
  /** Master keys by id for reading: the current data key, and the next one during a rotation. */
  keyFor(id: string): Buffer | null;
}
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

/** A stream of a stored file that checks its size and SHA-256 against the record on the way. */
export type VerifiedStream = Readable & { readonly damaged: boolean };

export interface StoredFiles {
  /** Final names (`nameOf(sha256)`), pending stores (tag + name) and temp copies, as found in the folder. */
  final: string[];
  pending: Array<{ name: string; tag: string; file: string }>;
  temp: string[];
  /** Anything else someone put there. */
  other: string[];
}

export interface AttachmentFiles {
  dir: string;
  /**
   * Copies the source in under a pending name for `tag`, hashing on the way; checks the hash the
   * caller expected, if any. `created` is false when the final file already existed (the same
   * bytes, committed for another submission): then nothing was added.
   */
  store(
    sourcePath: string,
    opts: {
      expectedSha256?: string;
      maxBytes: number;
      tag: string;
      /** The source is itself sealed (a staged file: services/attachments/staging.ts) with one of these keys. */
      sourceKeys?: (id: string) => Buffer | null;
    },
  ): Promise<Result<{ sha256: string; size: number; created: boolean }, StoreProblem> & { cause?: unknown }>;
  /** Makes completed renames durable; once per enqueue, for all its files. */
  syncDir(): Promise<void>;
  /** The row of `tag` committed: its pending files take their final names. */
  commit(tag: string, sha256s: readonly string[]): Promise<void>;
  /** The store of `tag` failed before its row committed: its pending files go, in the same failure path. */
  discard(tag: string, sha256s: readonly string[]): Promise<void>;
  /**
   * Synchronous on purpose: a stat of a file in our own directory takes microseconds, while an
   * async one waits for a thread-pool slot and an event-loop turn behind the uploads in flight
   * (≈ 0.9 ms each in the drain benchmark) — per attachment, per delivery.
   */
  exists(sha256: string): boolean;
  /** Before an upload: is the stored file there with the recorded size? (The hash is checked while it streams.) */
  check(sha256: string, size: number): 'ok' | 'missing' | 'damaged';
  /** The stored bytes, checked against size and SHA-256; errors before its last chunk if they differ. */
  openVerified(sha256: string, size: number): VerifiedStream;
  /** Size and SHA-256 of a stored file, read in full (the start-up check and the admin tools). */
  measure(sha256: string): Promise<{ size: number; sha256: string } | null>;
  remove(sha256: string): Promise<void>;
  /**
   * Retention's erasure: the file's bytes are overwritten with zeros and synced before it is
   * unlinked, so they do not linger in the disk blocks it leaves (on disks that write in place;
   * the bytes were encrypted in any case). A missing file is already erased.
   */
  erase(sha256: string): Promise<void>;
  list(): Promise<StoredFiles>;
  /** Moves a file of this folder (by its name) into `destDir`, keeping its name. Nothing is copied or deleted. */
  moveOut(name: string, destDir: string): Promise<void>;
  /** Moves a file back from `sourceDir` under its final name (restore); false if it is not there. */
  moveIn(sourceDir: string, sha256: string): Promise<boolean>;
  /** The name a document's file has in this folder (keyed: see the module comment). */
  nameOf(sha256: string): string;
  /**
   * Files an earlier build left in plain text under their SHA-256 (and pending copies of them)
   * are sealed under their keyed names, and the plain copies overwritten and removed. At start,
   * before anything else looks at the folder; returns how many.
   */
  sealPlainFiles(): Promise<number>;
  /** Finishes a pending file of a committed row (the start-up check): it takes its final name. */
  finishPending(tag: string, name: string): Promise<void>;
  /** Removes temp copies and the pending files of stores that never committed. */
  removeLeftovers(names: readonly string[]): Promise<void>;
}

const TEMP_PREFIX = '.tmp-';
const PENDING = /^\.pending-([A-Za-z0-9_-]{1,64})-([0-9a-f]{64})$/;
const FINAL = /^[0-9a-f]{64}$/;
const pendingName = (tag: string, name: string) => `.pending-${tag}-${name}`;
const ignoreMissing = (e: NodeJS.ErrnoException) => {
  if (e.code !== 'ENOENT') throw e;
};
const SEALED_MAGIC = Buffer.from('KDVF', 'latin1');

export class DamagedAttachment extends Error {
  readonly code = 'ATTACHMENT_DAMAGED';
}

/** The first bytes of a file: a sealed one starts with the format's magic, a plain one (an earlier build) does not. */
async function isSealed(path: string): Promise<boolean> {
  const h = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await h.read(head, 0, 4, 0);
    return bytesRead === 4 && head.equals(SEALED_MAGIC);
  } finally {
    await h.close();
  }
}

async function syncFolder(dir: string, platform: NodeJS.Platform): Promise<void> {
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
}

/** Overwrites a file's bytes with zeros, syncs, unlinks. */
async function overwriteAndUnlink(path: string): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r+');
  } catch (e) {
    return ignoreMissing(e as NodeJS.ErrnoException);
  }
  try {
    const { size } = await handle.stat();
    const zeros = Buffer.alloc(Math.min(size, COPY_BUFFER_BYTES));
    for (let at = 0; at < size; at += zeros.length) await handle.write(zeros, 0, Math.min(zeros.length, size - at), at);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await unlink(path).catch(ignoreMissing);
}

export async function openAttachmentFiles(
  dataDir: string,
  opts: { crypto: AttachmentCrypto; platform?: NodeJS.Platform; /** Only the benchmark's comparison passes another. */ format?: FileFormat },
): Promise<AttachmentFiles> {
  const platform = opts.platform ?? process.platform;
  const { crypto } = opts;
  const format = opts.format ?? sealedFormat;
  const dir = join(dataDir, 'attachments');
  await mkdir(dir, { recursive: true });
  const pathOf = (sha256: string) => join(dir, crypto.nameOf(sha256));
  const buffers: Buffer[] = [];

  async function finalize(tag: string, name: string): Promise<void> {
    const pending = join(dir, pendingName(tag, name));
    // The same bytes may have been committed meanwhile (or twice in one submission): keep one.
    if (isStoredFile(join(dir, name))) await unlink(pending).catch(ignoreMissing);
    else await rename(pending, join(dir, name)).catch(ignoreMissing);
  }

  /**
   * Seals `from` (plain, or sealed with a key `keyFor` knows) into a new temp file, fsynced.
   * Returns the plaintext's size and SHA-256; the caller names the file.
   */
  async function sealInto(
    from: string,
    opts: { maxBytes: number; keyFor?: (id: string) => Buffer | null },
  ): Promise<{ temp: string; sha256: string; size: number; problem: null } | { temp: null; problem: StoreProblem; cause: unknown }> {
    const temp = join(dir, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
    const [target, origin] = await Promise.allSettled([open(temp, 'wx'), open(from, 'r')]);
    if (target.status === 'rejected') {
      if (origin.status === 'fulfilled') await origin.value.close().catch(() => undefined);
      return { temp: null, problem: 'storage', cause: target.reason as unknown };
    }
    const out = target.value;
    const source = origin.status === 'fulfilled' ? origin.value : null;
    let problem: StoreProblem | null = source ? null : 'unreadable';
    let cause: unknown = null;
    const hash = createHash('sha256');
    const sealer = format.sealer(crypto.sealWith);
    // A sealed source: a staged file (always sealed, whatever the store's own format).
    const opener: Opener | null = opts.keyFor ? sealedFormat.opener(opts.keyFor) : null;
    let size = 0;
    const take = (plain: Buffer): Buffer | null => {
      size += plain.length;
      if (size > opts.maxBytes) {
        problem = 'too_large';
        return null;
      }
      hash.update(plain);
      return sealer.update(plain);
    };
    // Two read buffers, reused across stores (a fresh 1 MiB allocation per file costs more in
    // page faults than the copy): while one chunk's sealed bytes are written on the thread pool,
    // the next chunk is read into the other buffer.
    let current = buffers.pop() ?? Buffer.allocUnsafe(COPY_BUFFER_BYTES);
    let spare = buffers.pop() ?? Buffer.allocUnsafe(COPY_BUFFER_BYTES);
    try {
      let read = source ? await readChunk(source, current) : 0;
      while (source && !problem && read > 0) {
        const chunk = current.subarray(0, read);
        let plain: Buffer;
        try {
          plain = opener ? opener.update(chunk) : chunk;
        } catch {
          throw new SourceError('unreadable');
        }
        const sealed = take(plain);
        if (!sealed) break;
        const [, next] = await Promise.all([writeAll(out, sealed), readChunk(source, spare)]);
        read = next;
        [current, spare] = [spare, current];
      }
      if (source && !problem) {
        let last: Buffer;
        try {
          last = opener ? opener.finish() : Buffer.alloc(0);
        } catch {
          throw new SourceError('unreadable');
        }
        const sealed = take(last);
        if (sealed) {
          await writeAll(out, Buffer.concat([sealed, sealer.finish()]));
          await out.sync();
        }
      }
    } catch (e) {
      problem = e instanceof SourceError ? 'unreadable' : 'storage';
      cause = e;
    } finally {
      // A handle closes once its pending operations are done; only then are the buffers free.
      await Promise.all([source?.close().catch(() => undefined), out.close().catch(() => undefined)]);
      for (const b of [current, spare]) if (buffers.length < MAX_POOLED_BUFFERS) buffers.push(b);
    }
    if (!problem && size === 0) problem = 'empty';
    if (problem) {
      await unlink(temp).catch(() => undefined);
      return { temp: null, problem, cause };
    }
    return { temp, sha256: hash.digest('hex'), size, problem: null };
  }

  /** The plaintext of a stored file, as a stream (errors with SealedFileError if it does not open). */
  const plainStream = (path: string): Readable => {
    const opened = format.openStream(crypto.keyFor);
    pipeline(createReadStream(path), opened, () => undefined);
    return opened;
  };

  return {
    dir,
    nameOf: (sha256) => crypto.nameOf(sha256),
    async store(sourcePath, opts) {
      const sealed = await sealInto(sourcePath, { maxBytes: opts.maxBytes, keyFor: opts.sourceKeys });
      if (sealed.problem !== null) return { ...err(sealed.problem), cause: sealed.cause };
      const { temp, sha256, size } = sealed;
      if (opts.expectedSha256 !== undefined && opts.expectedSha256 !== sha256) {
        await unlink(temp).catch(() => undefined);
        return { ...err('mismatch' as const), cause: null };
      }
      try {
        // Content-addressed: a file already stored under this name holds these very bytes (and is
        // on disk). Keep it rather than replace it — on Windows it may be open for an upload.
        if (isStoredFile(pathOf(sha256))) {
          await unlink(temp);
          return ok({ sha256, size, created: false });
        }
        await rename(temp, join(dir, pendingName(opts.tag, crypto.nameOf(sha256))));
      } catch (e) {
        await unlink(temp).catch(() => undefined);
        return { ...err('storage' as const), cause: e };
      }
      return ok({ sha256, size, created: true });
    },
    syncDir: () => syncFolder(dir, platform),
    async commit(tag, sha256s) {
      // No fsync needed: should a power cut lose these renames, the start-up check finds the
      // pending names of a committed row and finishes them.
      for (const sha256 of new Set(sha256s)) await finalize(tag, crypto.nameOf(sha256));
    },
    async discard(tag, sha256s) {
      for (const sha256 of new Set(sha256s)) await unlink(join(dir, pendingName(tag, crypto.nameOf(sha256)))).catch(() => undefined);
    },
    finishPending: (tag, name) => finalize(tag, name),
    exists: (sha256) => isStoredFile(pathOf(sha256)),
    check(sha256, size) {
      try {
        const st = statSync(pathOf(sha256), { throwIfNoEntry: false });
        if (!st?.isFile()) return 'missing';
        return st.size === format.storedSize(size) ? 'ok' : 'damaged';
      } catch {
        return 'missing';
      }
    },
    openVerified(sha256, size) {
      const hash = createHash('sha256');
      let seen = 0;
      let held: Buffer | null = null;
      let damaged = false;
      // The last chunk is held back until the whole file is hashed: a receiver never gets all
      // the bytes of a file that is not the one on record. (Each sealed chunk was authenticated
      // before it got here; this checks the whole is the document on record.)
      const verify = new Transform({
        transform(chunk: Buffer, _enc, done) {
          seen += chunk.length;
          if (seen > size) {
            damaged = true;
            return done(new DamagedAttachment('larger than recorded'));
          }
          hash.update(chunk);
          const out = held;
          held = chunk;
          done(null, out ?? undefined);
        },
        flush(done) {
          if (seen !== size || hash.digest('hex') !== sha256) {
            damaged = true;
            return done(new DamagedAttachment('not the recorded bytes'));
          }
          if (held) this.push(held);
          done();
        },
      });
      const opened = format.openStream(crypto.keyFor);
      // A seal that does not open is damage too: the bytes on disk are not the ones written. Said
      // before the error reaches the reader, which then asks whether the copy was damaged.
      // (Only the seal's own verdict: a reader that goes away, a connection cut mid-upload, also
      // ends this stream with an error, and that is no damage.)
      opened.on('error', (e) => {
        if (e instanceof SealedFileError) damaged = true;
      });
      pipeline(createReadStream(pathOf(sha256)), opened, verify, () => undefined);
      return Object.defineProperty(verify, 'damaged', { get: () => damaged }) as unknown as VerifiedStream;
    },
    async measure(sha256) {
      const hash = createHash('sha256');
      let size = 0;
      try {
        for await (const chunk of plainStream(pathOf(sha256))) {
          size += (chunk as Buffer).length;
          hash.update(chunk as Buffer);
        }
      } catch {
        return null;
      }
      return { size, sha256: hash.digest('hex') };
    },
    async remove(sha256) {
      await unlink(pathOf(sha256)).catch(ignoreMissing);
    },
    erase: (sha256) => overwriteAndUnlink(pathOf(sha256)),
    async list() {
      const found: StoredFiles = { final: [], pending: [], temp: [], other: [] };
      for (const name of await readdir(dir)) {
        const pending = PENDING.exec(name);
        if (FINAL.test(name)) found.final.push(name);
        else if (pending) found.pending.push({ name, tag: pending[1]!, file: pending[2]! });
        else if (name.startsWith(TEMP_PREFIX)) found.temp.push(name);
        else found.other.push(name);
      }
      return found;
    },
    async moveOut(name, destDir) {
      await mkdir(destDir, { recursive: true });
      await rename(join(dir, name), join(destDir, name));
    },
    async moveIn(sourceDir, sha256) {
      if (isStoredFile(pathOf(sha256))) return true;
      try {
        await rename(join(sourceDir, crypto.nameOf(sha256)), pathOf(sha256));
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw e;
      }
    },
    async sealPlainFiles() {
      let sealedCount = 0;
      if (!format.sealed) return 0;
      for (const name of await readdir(dir)) {
        const pending = PENDING.exec(name);
        if (!FINAL.test(name) && !pending) continue;
        const path = join(dir, name);
        if (await isSealed(path)) continue;
        // An earlier build's file: named by its SHA-256, in plain text.
        const sealed = await sealInto(path, { maxBytes: Number.MAX_SAFE_INTEGER });
        if (sealed.problem !== null) {
          if (sealed.problem === 'storage') throw sealed.cause instanceof Error ? sealed.cause : new Error('storage');
          continue;
        }
        const sha256 = pending ? pending[2]! : name;
        const target = pending ? pendingName(pending[1]!, crypto.nameOf(sha256)) : crypto.nameOf(sha256);
        await rename(sealed.temp, join(dir, target));
        await syncFolder(dir, platform);
        await overwriteAndUnlink(path);
        sealedCount += 1;
      }
      return sealedCount;
    },
    async removeLeftovers(names) {
      for (const name of names) {
        if (name.startsWith(TEMP_PREFIX) || PENDING.test(name)) await unlink(join(dir, name)).catch(ignoreMissing);
      }
    },
  };
}

/** A full disk may take part of a chunk and refuse the rest on the next write. */
async function writeAll(out: FileHandle, chunk: Buffer): Promise<void> {
  for (let done = 0; done < chunk.length; ) {
    const { bytesWritten } = await out.write(chunk, done, chunk.length - done);
    if (bytesWritten === 0) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
    done += bytesWritten;
  }
}
