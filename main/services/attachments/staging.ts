import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MAX_ATTACHMENTS, type AttachmentMediaType } from '../../../common/domain/dossier';
import { kioskError, type KioskError } from '../../../common/errors';
import { err, ok, type Result } from '../../../common/result';
import type { Logger } from '../../log';
import { isStorageFault } from '../../store/storage-faults';
import type { AttachmentFolders, OpenedFile } from './folders';
import { IMAGE_HEADER_BYTES, imageSize, withinImageLimits } from './image-header';
import { SNIFF_BYTES, sniffMediaType } from './sniff';
import { buildSealer, openStream, sealStream, type FileKey, type Sealer } from '../../keys/file-cipher';

/**
 * Files a citizen has attached to the dossier they are still filling in. They live in one
 * staging directory that belongs to the current visit only: wiped when the process starts, when
 * the citizen finishes or goes idle, and after the outbox has taken its own copies. Nothing here
 * survives a visit, so an unfinished dossier never outlives its citizen.
 *
 * They are sealed (keys/file-cipher.ts) with a key made for the visit and held only in memory:
 * a copy of the data folder, or a file a crash or a failing disk left behind, is unreadable, and
 * every wipe starts a new key.
 */
export interface StagedFile {
  stagedId: string;
  documentId: string;
  fileName: string;
  mediaType: AttachmentMediaType;
  size: number;
  sha256: string;
}

export type StageJob =
  | { state: 'copying'; bytesDone: number; bytesTotal: number }
  | { state: 'done'; file: StagedFile }
  | { state: 'failed'; error: KioskError };

interface Upload {
  documentId: string;
  fileName: string;
  size: number;
  received: number;
  hash: ReturnType<typeof createHash>;
  handle: FileHandle;
  path: string;
  mediaType: AttachmentMediaType | null;
  sealer: Sealer;
  /** Sealed bytes written so far. */
  written: number;
  /** The photo's first bytes in clear, for the type and size checks at the end. */
  head: Buffer;
}

const newId = () => randomBytes(12).toString('base64url');
const newVisitKey = (): FileKey => ({ id: randomBytes(8).toString('hex'), bytes: randomBytes(32) });

/** The kiosk's own disk failed (full, I/O error): the citizen is told plainly, not `internal`. */
const ownDisk = (e: unknown): KioskError => kioskError(isStorageFault(e) ? 'storage_unavailable' : 'internal');

export function buildStaging(deps: { dir: string; maxBytes: number; folders: AttachmentFolders; logger: Logger }) {
  const { dir, maxBytes, folders, logger } = deps;
  const staged = new Map<string, StagedFile & { path: string }>();
  const jobs = new Map<string, StageJob & { abort?: AbortController }>();
  const uploads = new Map<string, Upload>();
  // Bumped by wipe(): a copy still running for the previous citizen must not land afterwards.
  let generation = 0;
  let visitKey = newVisitKey();
  const keyFor = (id: string) => (id === visitKey.id ? visitKey.bytes : null);

  const full = () => staged.size + uploads.size + [...jobs.values()].filter((j) => j.state === 'copying').length >= MAX_ATTACHMENTS;

  async function wipe(): Promise<void> {
    generation += 1;
    for (const job of jobs.values()) job.abort?.abort();
    for (const u of uploads.values()) await u.handle.close().catch(() => undefined);
    staged.clear();
    jobs.clear();
    uploads.clear();
    visitKey = newVisitKey();
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
  }

  /** Copies from the handle the checks read, never from the path again; `source` is closed at the end. */
  async function copyIn(jobId: string, source: OpenedFile, meta: { documentId: string; fileName: string; mediaType: AttachmentMediaType }) {
    const size = source.size;
    const gen = generation;
    const abort = new AbortController();
    const job = { state: 'copying' as const, bytesDone: 0, bytesTotal: size, abort };
    jobs.set(jobId, job);
    const stagedId = newId();
    const dest = join(dir, `${stagedId}.bin`);
    const hash = createHash('sha256');
    let done = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, next) {
        done += chunk.length;
        // The file may grow while we read it (a scanner still writing): the limit holds anyway.
        if (done > maxBytes) return next(Object.assign(new Error('too large'), { code: 'TOO_LARGE' }));
        hash.update(chunk);
        job.bytesDone = done;
        next(null, chunk);
      },
    });
    // Which side failed decides what the citizen hears: their USB stick, or the kiosk's own disk.
    let writeFailure: unknown = null;
    const out = createWriteStream(dest, { flags: 'wx' }).on('error', (e) => (writeFailure = e));
    try {
      await pipeline(source.handle.createReadStream({ start: 0, autoClose: false }), meter, sealStream(visitKey), out, { signal: abort.signal });
      await source.close();
      if (gen !== generation) return void (await rm(dest, { force: true }));
      const file: StagedFile = { stagedId, ...meta, size: done, sha256: hash.digest('hex') };
      // The kiosk has its copy: the shared folder's one is moved away or deleted, as IT set —
      // before the pick is reported done, so a screen that lists the folder again (or a scanner
      // writing the next page under the same name) never meets the copy that was just taken.
      await source.release();
      if (gen !== generation) return void (await rm(dest, { force: true }));
      staged.set(stagedId, { ...file, path: dest });
      jobs.set(jobId, { state: 'done', file });
    } catch (e) {
      await source.close();
      await rm(dest, { force: true }).catch(() => undefined);
      if (gen !== generation) return;
      const code =
        (e as { code?: string }).code === 'TOO_LARGE'
          ? 'attachment_too_large'
          : isStorageFault(writeFailure)
            ? 'storage_unavailable'
            : 'attachment_unreadable';
      logger.warn('attachments.copy_failed', { code });
      jobs.set(jobId, { state: 'failed', error: kioskError(code) });
    }
  }

  async function readHead(handle: FileHandle, bytes: number): Promise<Buffer | null> {
    try {
      const buf = Buffer.alloc(bytes);
      const { bytesRead } = await handle.read(buf, 0, bytes, 0);
      return buf.subarray(0, bytesRead);
    } catch {
      return null;
    }
  }

  /** Type by content, and for an image its size from the header: nothing is decoded here. */
  function checkContent(head: Buffer): Result<AttachmentMediaType, KioskError> {
    const mediaType = sniffMediaType(head.subarray(0, SNIFF_BYTES));
    if (!mediaType) return err(kioskError('attachment_type'));
    if (mediaType === 'application/pdf') return ok(mediaType);
    const size = imageSize(mediaType, head);
    if (!size) return err(kioskError('attachment_unreadable'));
    if (!withinImageLimits(size)) return err(kioskError('attachment_too_large'));
    return ok(mediaType);
  }

  return {
    wipe,
    count: () => staged.size + uploads.size + jobs.size,

    /** Starts copying a file the citizen picked; progress through `job`. Type and size are checked first. */
    async stageFromFolder(input: { documentId: string; folderId: string; fileName: string }): Promise<Result<{ jobId: string }, KioskError>> {
      if (full()) return err(kioskError('attachment_too_many'));
      const opened = await folders.open(input.folderId, input.fileName);
      if (!opened.ok) return opened;
      const file = opened.value;
      const refuse = async (code: 'attachment_unreadable' | 'attachment_too_large') => {
        await file.close();
        return err(kioskError(code));
      };
      if (file.size === 0) return refuse('attachment_unreadable');
      if (file.size > maxBytes) return refuse('attachment_too_large');
      const head = await readHead(file.handle, Math.min(file.size, IMAGE_HEADER_BYTES));
      if (!head) return refuse('attachment_unreadable');
      const checked = checkContent(head);
      if (!checked.ok) {
        await file.close();
        return checked;
      }
      const jobId = newId();
      void copyIn(jobId, file, { documentId: input.documentId, fileName: input.fileName.normalize('NFC'), mediaType: checked.value });
      return ok({ jobId });
    },

    job(jobId: string): StageJob | null {
      const job = jobs.get(jobId);
      if (!job) return null;
      if (job.state === 'copying') return { state: 'copying', bytesDone: job.bytesDone, bytesTotal: job.bytesTotal };
      return job.state === 'done' ? { state: 'done', file: job.file } : { state: 'failed', error: job.error };
    },

    /** A photo from the kiosk camera, sent by the renderer in chunks that fit the transport. */
    async beginUpload(input: { documentId: string; fileName: string; size: number }): Promise<Result<{ uploadId: string }, KioskError>> {
      if (full()) return err(kioskError('attachment_too_many'));
      if (input.size > maxBytes) return err(kioskError('attachment_too_large'));
      const uploadId = newId();
      const path = join(dir, `${uploadId}.part`);
      let handle: FileHandle;
      try {
        handle = await open(path, 'wx');
      } catch (e) {
        logger.warn('attachments.upload_failed', { step: 'begin', storage: isStorageFault(e) });
        return err(ownDisk(e));
      }
      uploads.set(uploadId, {
        ...input,
        fileName: input.fileName.normalize('NFC'),
        received: 0,
        hash: createHash('sha256'),
        handle,
        path,
        mediaType: null,
        sealer: buildSealer(visitKey),
        written: 0,
        head: Buffer.alloc(0),
      });
      return ok({ uploadId });
    },

    async appendChunk(input: { uploadId: string; offset: number; data: Buffer }): Promise<Result<{ received: number }, KioskError>> {
      const u = uploads.get(input.uploadId);
      if (!u) return err(kioskError('not_found'));
      // Chunks arrive in order; a repeated or skipped one would corrupt the file.
      if (input.offset !== u.received || u.received + input.data.length > u.size) return err(kioskError('invalid_input'));
      if (u.received === 0) {
        u.mediaType = sniffMediaType(input.data.subarray(0, SNIFF_BYTES));
        if (!u.mediaType) {
          uploads.delete(input.uploadId);
          await u.handle.close();
          await rm(u.path, { force: true });
          return err(kioskError('attachment_type'));
        }
      }
      try {
        await writeSealed(u, u.sealer.update(input.data));
      } catch (e) {
        // A photo that cannot be written whole is dropped whole; the citizen may take it again.
        uploads.delete(input.uploadId);
        await u.handle.close().catch(() => undefined);
        await rm(u.path, { force: true }).catch(() => undefined);
        logger.warn('attachments.upload_failed', { step: 'chunk', storage: isStorageFault(e) });
        return err(ownDisk(e));
      }
      u.hash.update(input.data);
      if (u.head.length < IMAGE_HEADER_BYTES) u.head = Buffer.concat([u.head, input.data.subarray(0, IMAGE_HEADER_BYTES - u.head.length)]);
      u.received += input.data.length;
      return ok({ received: u.received });
    },

    async finishUpload(uploadId: string): Promise<Result<StagedFile, KioskError>> {
      const u = uploads.get(uploadId);
      if (!u) return err(kioskError('not_found'));
      uploads.delete(uploadId);
      try {
        await writeSealed(u, u.sealer.finish());
        await u.handle.close();
      } catch (e) {
        await u.handle.close().catch(() => undefined);
        await rm(u.path, { force: true }).catch(() => undefined);
        logger.warn('attachments.upload_failed', { step: 'finish', storage: isStorageFault(e) });
        return err(ownDisk(e));
      }
      if (u.received !== u.size || u.received === 0 || !u.mediaType) {
        await rm(u.path, { force: true });
        return err(kioskError('attachment_unreadable'));
      }
      const checked = checkContent(u.head);
      if (!checked.ok) {
        await rm(u.path, { force: true });
        return checked;
      }
      const file: StagedFile = { stagedId: uploadId, documentId: u.documentId, fileName: u.fileName, mediaType: u.mediaType, size: u.size, sha256: u.hash.digest('hex') };
      staged.set(uploadId, { ...file, path: u.path });
      return ok(file);
    },

    async remove(stagedId: string): Promise<void> {
      const f = staged.get(stagedId);
      staged.delete(stagedId);
      if (f) await rm(f.path, { force: true });
    },

    file: (stagedId: string) => staged.get(stagedId),
    /** The keys the staged files are sealed with (this visit's): the outbox opens them with it. */
    sourceKeys: (id: string) => keyFor(id),
    /** A staged file's bytes in clear (a thumbnail; the limits were checked when it was staged). */
    async read(stagedId: string): Promise<Buffer | null> {
      const f = staged.get(stagedId);
      if (!f) return null;
      const chunks: Buffer[] = [];
      try {
        await pipeline(createReadStream(f.path), openStream(keyFor), async function* (src) {
          for await (const c of src) chunks.push(c as Buffer);
        });
      } catch {
        return null;
      }
      return Buffer.concat(chunks);
    },
  };
}

/** Appends sealed bytes to an upload; a nearly full disk takes part of a write and refuses the rest on the next. */
async function writeSealed(u: Upload, bytes: Buffer): Promise<void> {
  for (let done = 0; done < bytes.length; ) {
    const { bytesWritten } = await u.handle.write(bytes, done, bytes.length - done, u.written + done);
    if (bytesWritten === 0) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
    done += bytesWritten;
  }
  u.written += bytes.length;
}

export type Staging = ReturnType<typeof buildStaging>;
