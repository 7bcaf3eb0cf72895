import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { AttachmentFileName } from '../../../common/domain/dossier';
import { kioskError, type KioskError } from '../../../common/errors';
import { err, ok, type Result } from '../../../common/result';
import type { AttachmentFolderConfig } from '../../config/schema';

/**
 * The file picker's view of the disk: only the folders IT configured (a USB stick's mount point,
 * the scanner's output folder), only the regular files directly inside them. The renderer never
 * sends a path — a folder id and a file name it was shown — and a name that tries to leave its
 * folder (`..`, a separator, an absolute path, a symlink pointing elsewhere) is refused.
 */
export interface FolderFile {
  name: string;
  size: number;
  modifiedAt: string;
}

export interface AttachmentFolders {
  list(): Array<{ id: string; label: string }>;
  files(folderId: string): Promise<Result<FolderFile[], KioskError>>;
  /** The real path of a file shown in a folder, or why it may not be read. */
  resolve(folderId: string, fileName: string): Promise<Result<{ path: string; size: number }, KioskError>>;
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

function inside(folderReal: string, fileReal: string): boolean {
  const rel = relative(folderReal, fileReal);
  // Directly inside: one segment, not walking up, not on another drive.
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.includes(sep);
}

export function buildAttachmentFolders(folders: readonly AttachmentFolderConfig[]): AttachmentFolders {
  const byId = new Map(folders.map((f) => [f.id, f]));

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

  async function resolveIn(real: string, name: string): Promise<Result<{ path: string; size: number }, KioskError>> {
    if (!isPlainFileName(name)) return err(kioskError('file_not_allowed'));
    let fileReal: string;
    try {
      fileReal = await realpath(join(real, name));
    } catch {
      return err(kioskError('attachment_unreadable'));
    }
    if (!inside(real, fileReal)) return err(kioskError('file_not_allowed'));
    const info = await stat(fileReal).catch(() => null);
    if (!info) return err(kioskError('attachment_unreadable'));
    if (!info.isFile()) return err(kioskError('file_not_allowed'));
    return ok({ path: fileReal, size: info.size });
  }

  return {
    list: () => folders.map((f) => ({ id: f.id, label: f.label })),
    async files(folderId) {
      const real = await folderReal(folderId);
      if (!real.ok) return real;
      const entries = await readdir(real.value).catch(() => null);
      if (!entries) return err(kioskError('folder_unavailable'));
      const out: FolderFile[] = [];
      for (const name of entries.sort((a, b) => a.localeCompare(b, 'vi'))) {
        if (out.length >= MAX_LISTED) break;
        const link = await lstat(join(real.value, name)).catch(() => null);
        if (!link || !(link.isFile() || link.isSymbolicLink())) continue;
        const r = await resolveIn(real.value, name);
        if (!r.ok) continue;
        const info = await stat(r.value.path).catch(() => null);
        if (info) out.push({ name: name.normalize('NFC'), size: info.size, modifiedAt: info.mtime.toISOString() });
      }
      return ok(out);
    },
    async resolve(folderId, fileName) {
      const real = await folderReal(folderId);
      if (!real.ok) return real;
      // Names arrive NFC from the renderer; on disk they may be NFD (a Mac-formatted USB stick).
      const direct = await resolveIn(real.value, fileName);
      if (direct.ok || direct.error.code !== 'attachment_unreadable') return direct;
      const entries = await readdir(real.value).catch(() => [] as string[]);
      const match = entries.find((e) => e.normalize('NFC') === fileName.normalize('NFC'));
      return match ? resolveIn(real.value, match) : direct;
    },
  };
}
