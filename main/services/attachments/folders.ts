import { constants, type BigIntStats } from 'node:fs';
import { copyFile, lstat, mkdir, open, readdir, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AttachmentFileName } from '../../../common/domain/dossier';
import { kioskError, type KioskError } from '../../../common/errors';
import { err, ok, type Result } from '../../../common/result';
import type { AfterPick, AttachmentFolderConfig } from '../../config/schema';
import type { Logger } from '../../log';

/**
 * The file picker's view of the disk: only the folders IT configured (a USB stick's mount point,
 * the scanner's output folder), only the regular files directly inside them, and only those that
 * appeared after the current visit began. The counter's scanner folder is shared by every citizen
 * who stands at the kiosk: what the previous one scanned must never be offered to the next.
 *
 * The renderer never sends a path — a folder id and a file name it was shown. A picked file is
 * opened once, without following a symlink, and everything after (size, type, hash, the copy)
 * reads that one handle, so the file cannot be swapped between the check and the copy. Symlinks
 * and hard links (a second name for a file that may live outside the folder) are refused.
 * After the copy, the source is moved out of the shared folder, deleted or kept (`afterPick`).
 */
export interface FolderFile {
  name: string;
  size: number;
  modifiedAt: string;
}

/** A picked file, open for reading; `close` it when done. */
export interface OpenedFile {
  handle: FileHandle;
  size: number;
  close(): Promise<void>;
  /** After a successful copy: what IT configured for this folder (move, delete or keep). */
  release(): Promise<void>;
}

export interface AttachmentFolders {
  list(): Array<{ id: string; label: string }>;
  /** A new visit begins: whatever is in the folders now belongs to earlier visits and stays hidden. */
  beginVisit(): Promise<void>;
  files(folderId: string): Promise<Result<FolderFile[], KioskError>>;
  open(folderId: string, fileName: string): Promise<Result<OpenedFile, KioskError>>;
}

const MAX_LISTED = 500;

/** A name as the picker shows it: one path segment, nothing that walks or hides. */
export function isPlainFileName(name: string): boolean {
  return (
    AttachmentFileName.safeParse(name).success &&
    !name.includes('/') &&
    !name.includes('\\') &&
    !name.includes('\0') &&
    !isAbsolute(name) &&
    !/^[A-Za-z]:/.test(name) &&
    name !== '.' &&
    name !== '..' &&
    !name.startsWith('.')
  );
}

/**
 * O_NOFOLLOW: opening a symlink fails (ELOOP) instead of opening whatever it points to.
 * O_NONBLOCK: a FIFO planted under a file's name does not hang the open (fstat then refuses it).
 * Windows has neither; there the lstat before and the fstat after must name the same file.
 */
const openFlags =
  process.platform === 'win32' ? constants.O_RDONLY : constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** The same file, unchanged: device, inode, size and both timestamps to the nanosecond. */
const fingerprint = (s: BigIntStats) => `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
const sameFile = (a: BigIntStats, b: BigIntStats) => a.dev === b.dev && a.ino === b.ino;
/** A regular file with one name: not a symlink, a device, a FIFO, or a hard link to something elsewhere. */
const pickable = (s: BigIntStats) => s.isFile() && s.nlink === 1n;

export function buildAttachmentFolders(folders: readonly AttachmentFolderConfig[], deps: { afterPick: AfterPick; moveTo?: string; logger: Logger }): AttachmentFolders {
  const byId = new Map(folders.map((f) => [f.id, f]));
  /** Per folder: name → fingerprint of what was there when the visit began. */
  let before = new Map<string, Map<string, string>>();

  async function folderReal(folderId: string): Promise<Result<string, KioskError>> {
    const folder = byId.get(folderId);
    if (!folder) return err(kioskError('folder_unavailable'));
    try {
      const real = await realpath(folder.path);
      if (!(await stat(real)).isDirectory()) return err(kioskError('folder_unavailable'));
      return ok(real);
    } catch {
      // A USB stick that was pulled out, a scanner share that is down.
      return err(kioskError('folder_unavailable'));
    }
  }

  async function entries(real: string): Promise<Array<{ name: string; stats: BigIntStats }> | null> {
    const names = await readdir(real).catch(() => null);
    if (!names) return null;
    const out: Array<{ name: string; stats: BigIntStats }> = [];
    for (const name of names) {
      const stats = await lstat(join(real, name), { bigint: true }).catch(() => null);
      if (stats) out.push({ name, stats });
    }
    return out;
  }

  const isNew = (folderId: string, name: string, stats: BigIntStats) => before.get(folderId)?.get(name) !== fingerprint(stats);

  function afterPickOf(folderId: string): { action: AfterPick; moveTo: string | undefined } {
    const folder = byId.get(folderId)!;
    return { action: folder.afterPick ?? deps.afterPick, moveTo: folder.moveTo ?? deps.moveTo };
  }

  /**
   * Moves, deletes or keeps the picked file — only if the name still holds exactly the bytes that
   * were copied. A scanner that writes the next scan over the same name rewrites the same inode in
   * place: its size or timestamps then differ, and that new scan is left for its citizen.
   */
  async function release(folderId: string, path: string, name: string, copied: BigIntStats): Promise<void> {
    const { action, moveTo } = afterPickOf(folderId);
    if (action === 'keep') return;
    const now = await lstat(path, { bigint: true }).catch(() => null);
    if (!now || fingerprint(now) !== fingerprint(copied)) return;
    try {
      if (action === 'delete') {
        await unlink(path);
      } else {
        await mkdir(moveTo!, { recursive: true });
        const target = join(moveTo!, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}-${name}`);
        await rename(path, target).catch(async (e: NodeJS.ErrnoException) => {
          // Another disk (a scanner share moved to a local folder): copy, then remove the original.
          if (e.code !== 'EXDEV') throw e;
          await copyFile(path, target, constants.COPYFILE_EXCL);
          await unlink(path);
        });
      }
      deps.logger.info('attachments.after_pick', { folderId, action });
    } catch (e) {
      // The citizen's file is staged; a source that could not be cleared stays hidden from the
      // next visit anyway (it is there when that visit begins).
      deps.logger.warn('attachments.after_pick_failed', { folderId, action, error: (e as NodeJS.ErrnoException).code ?? 'unknown' });
    }
  }

  return {
    list: () => folders.map((f) => ({ id: f.id, label: f.label })),

    async beginVisit() {
      const next = new Map<string, Map<string, string>>();
      for (const folder of folders) {
        const real = await folderReal(folder.id);
        const found = real.ok ? await entries(real.value) : null;
        next.set(folder.id, new Map((found ?? []).map((e) => [e.name, fingerprint(e.stats)])));
      }
      before = next;
    },

    async files(folderId) {
      const real = await folderReal(folderId);
      if (!real.ok) return real;
      const found = await entries(real.value);
      if (!found) return err(kioskError('folder_unavailable'));
      const out: FolderFile[] = [];
      for (const { name, stats } of found.sort((a, b) => a.name.localeCompare(b.name, 'vi'))) {
        if (out.length >= MAX_LISTED) break;
        if (!isPlainFileName(name) || !pickable(stats) || !isNew(folderId, name, stats)) continue;
        out.push({ name: name.normalize('NFC'), size: Number(stats.size), modifiedAt: new Date(Number(stats.mtimeMs)).toISOString() });
      }
      return ok(out);
    },

    async open(folderId, fileName) {
      if (!isPlainFileName(fileName)) return err(kioskError('file_not_allowed'));
      const real = await folderReal(folderId);
      if (!real.ok) return real;
      // Names arrive NFC from the renderer; on disk they may be NFD (a Mac-formatted USB stick).
      const found = await entries(real.value);
      const entry = found?.find((e) => e.name === fileName) ?? found?.find((e) => e.name.normalize('NFC') === fileName.normalize('NFC'));
      if (!entry) return err(kioskError('attachment_unreadable'));
      if (!pickable(entry.stats) || !isNew(folderId, entry.name, entry.stats)) return err(kioskError('file_not_allowed'));
      const path = join(real.value, entry.name);
      let handle: FileHandle;
      try {
        handle = await open(path, openFlags);
      } catch (e) {
        // ELOOP: the name became a symlink after it was listed.
        return err(kioskError((e as NodeJS.ErrnoException).code === 'ELOOP' ? 'file_not_allowed' : 'attachment_unreadable'));
      }
      const opened = await handle.stat({ bigint: true }).catch(() => null);
      // What was opened must be the regular, singly-linked file that was looked at a moment ago.
      if (!opened || !pickable(opened) || !sameFile(opened, entry.stats)) {
        await handle.close().catch(() => undefined);
        return err(kioskError('file_not_allowed'));
      }
      return ok({
        handle,
        size: Number(opened.size),
        close: () => handle.close().catch(() => undefined),
        release: () => release(folderId, path, entry.name, opened),
      });
    },
  };
}
