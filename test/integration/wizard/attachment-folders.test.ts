import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AfterPick } from '../../../main/config/schema';
import { silentLogger } from '../../../main/log';
import { buildAttachmentFolders, type AttachmentFolders } from '../../../main/services/attachments/folders';
import { sniffMediaType } from '../../../main/services/attachments/sniff';
import { buildStaging, type StageJob, type Staging } from '../../../main/services/attachments/staging';

/**
 * The confined file picker and the visit's staging area, on real files in a temp dir: real
 * symlinks, real hard links, real renames over a listed file.
 */
let root: string;
let usb: string;
let moved: string;
let folders: AttachmentFolders;
let staging: Staging;
const pdfBytes = readFileSync(new URL('../../../resources/sample-documents/to-khai-mau.pdf', import.meta.url));
const jpegBytes = readFileSync(new URL('../../../resources/sample-documents/giay-chung-sinh-mau.jpg', import.meta.url));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function setUp(afterPick: AfterPick) {
  folders = buildAttachmentFolders(
    [
      { id: 'usb', label: 'USB', path: usb },
      { id: 'gone', label: 'Máy quét', path: join(root, 'not-mounted') },
    ],
    { afterPick, moveTo: moved, logger: silentLogger },
  );
  staging = buildStaging({ dir: join(root, 'staging'), maxBytes: 200_000, folders, logger: silentLogger });
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'kiosk-attach-'));
  usb = join(root, 'usb');
  moved = join(root, 'picked');
  mkdirSync(usb);
  mkdirSync(join(root, 'secret'));
  writeFileSync(join(root, 'secret', 'passwd.pdf'), pdfBytes);
  setUp('keep');
  await staging.wipe();
  // The visit begins on an empty folder; then the citizen's files arrive (the scanner, their stick).
  await folders.beginVisit();
  writeFileSync(join(usb, 'to-khai.pdf'), pdfBytes);
  writeFileSync(join(usb, 'ảnh giấy tờ.jpg'), jpegBytes);
  writeFileSync(join(usb, 'giay-to.pdf'), 'PK\u0003\u0004 this is really a zip file');
  writeFileSync(join(usb, '.hidden.pdf'), pdfBytes);
  mkdirSync(join(usb, 'subfolder'));
  symlinkSync(join(root, 'secret', 'passwd.pdf'), join(usb, 'escape.pdf'));
  symlinkSync(join(usb, 'to-khai.pdf'), join(usb, 'alias.pdf'));
  linkSync(join(root, 'secret', 'passwd.pdf'), join(usb, 'hardlink.pdf'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function settle(jobId: string): Promise<StageJob> {
  for (;;) {
    const job = staging.job(jobId)!;
    if (job.state !== 'copying') return job;
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function stage(fileName: string): Promise<StageJob | { state: 'refused'; code: string }> {
  const started = await staging.stageFromFolder({ documentId: 'd1', folderId: 'usb', fileName });
  if (!started.ok) return { state: 'refused', code: started.error.code };
  return settle(started.value.jobId);
}

const names = async () => {
  const r = await folders.files('usb');
  return r.ok ? r.value.map((f) => f.name) : r.error.code;
};

describe('the confined file picker', () => {
  it('lists only the regular files directly in the folder: not hidden files, folders, symlinks or hard links', async () => {
    expect(await names()).toEqual(['ảnh giấy tờ.jpg', 'giay-to.pdf', 'to-khai.pdf']);
  });

  it('shows none of the files that were there when the visit began, even under a name reused later', async () => {
    writeFileSync(join(usb, 'scan0001.pdf'), pdfBytes);
    await folders.beginVisit();
    expect(await names()).toEqual([]);
    expect(await stage('to-khai.pdf')).toEqual({ state: 'refused', code: 'file_not_allowed' });
    // The scanner writes the next citizen's page under the same name: that one is theirs.
    rmSync(join(usb, 'scan0001.pdf'));
    writeFileSync(join(usb, 'scan0001.pdf'), Buffer.concat([pdfBytes, Buffer.from('\n% next citizen')]));
    expect(await names()).toEqual(['scan0001.pdf']);
    expect(await stage('scan0001.pdf')).toMatchObject({ state: 'done' });
  });

  it.each([
    ['a parent-directory walk', '../secret/passwd.pdf'],
    ['a bare ..', '..'],
    ['an absolute path', '/etc/passwd'],
    ['an absolute path into the folder itself', '<usb>/to-khai.pdf'],
    ['a Windows path', 'C:\\Windows\\win.ini'],
    ['a backslash walk', '..\\secret\\passwd.pdf'],
    ['a subfolder path', 'subfolder/x.pdf'],
    ['a symlink pointing out of the folder', 'escape.pdf'],
    ['a symlink that stays inside the folder', 'alias.pdf'],
    ['a hard link to a file outside the folder', 'hardlink.pdf'],
    ['a folder', 'subfolder'],
    ['a hidden file', '.hidden.pdf'],
  ])('refuses %s', async (_what, given) => {
    const name = given.replace('<usb>', usb);
    const r = await stage(name);
    expect(r.state).toBe('refused');
    if (r.state === 'refused') expect(['file_not_allowed', 'attachment_unreadable']).toContain(r.code);
    expect(readdirSync(join(root, 'staging'))).toEqual([]);
  });

  it('accepts a name given in NFD', async () => {
    expect(await stage('ảnh giấy tờ.jpg'.normalize('NFD'))).toMatchObject({ state: 'done', file: { sha256: sha(jpegBytes) } });
  });

  it('refuses an unknown folder id and says when a folder is not there', async () => {
    expect(await folders.files('nope')).toMatchObject({ ok: false, error: { code: 'folder_unavailable' } });
    expect(await folders.files('gone')).toMatchObject({ ok: false, error: { code: 'folder_unavailable' } });
  });
});

describe('a file swapped after it was listed', () => {
  it('for a symlink to a file outside is refused at the open', async () => {
    expect(await names()).toContain('to-khai.pdf');
    rmSync(join(usb, 'to-khai.pdf'));
    symlinkSync(join(root, 'secret', 'passwd.pdf'), join(usb, 'to-khai.pdf'));
    expect(await stage('to-khai.pdf')).toEqual({ state: 'refused', code: 'file_not_allowed' });
  });

  it('for a hard link to a file outside is refused at the open', async () => {
    expect(await names()).toContain('to-khai.pdf');
    rmSync(join(usb, 'to-khai.pdf'));
    linkSync(join(root, 'secret', 'passwd.pdf'), join(usb, 'to-khai.pdf'));
    expect(await stage('to-khai.pdf')).toEqual({ state: 'refused', code: 'file_not_allowed' });
  });

  it('after the open changes nothing: the bytes come from the file that was opened, and the newcomer is not deleted', async () => {
    setUp('delete');
    const opened = await folders.open('usb', 'to-khai.pdf');
    if (!opened.ok) throw new Error(opened.error.code);
    // Someone renames another file over the name while the kiosk holds the handle.
    writeFileSync(join(root, 'other.pdf'), Buffer.from('%PDF-1.4 somebody else'));
    renameSync(join(root, 'other.pdf'), join(usb, 'to-khai.pdf'));
    const bytes = Buffer.alloc(opened.value.size);
    await opened.value.handle.read(bytes, 0, bytes.length, 0);
    expect(sha(bytes)).toBe(sha(pdfBytes));
    await opened.value.release();
    await opened.value.close();
    expect(readFileSync(join(usb, 'to-khai.pdf'), 'latin1')).toBe('%PDF-1.4 somebody else');
  });
});

describe('after a file is picked', () => {
  it('"delete" removes it from the shared folder once the kiosk has its copy', async () => {
    setUp('delete');
    expect(await stage('to-khai.pdf')).toMatchObject({ state: 'done', file: { sha256: sha(pdfBytes) } });
    expect(existsSync(join(usb, 'to-khai.pdf'))).toBe(false);
  });

  it('a scan written over the same name after the pick is not deleted with the copied one', async () => {
    setUp('delete');
    const opened = await folders.open('usb', 'to-khai.pdf');
    if (!opened.ok) throw new Error(opened.error.code);
    // The scanner rewrites the file in place (same inode) with the next citizen's page; it is
    // longer, so the kiosk sees the change even where timestamps are too coarse to show it.
    writeFileSync(join(usb, 'to-khai.pdf'), Buffer.from('%PDF-1.4 the next page, longer than before'));
    await opened.value.release();
    await opened.value.close();
    expect(readFileSync(join(usb, 'to-khai.pdf'), 'latin1')).toBe('%PDF-1.4 the next page, longer than before');
  });

  it('a pick is reported done only once the shared copy is gone', async () => {
    setUp('delete');
    const started = await staging.stageFromFolder({ documentId: 'd1', folderId: 'usb', fileName: 'to-khai.pdf' });
    if (!started.ok) throw new Error(started.error.code);
    // Whenever the job says done, the source has already been removed.
    for (;;) {
      const job = staging.job(started.value.jobId)!;
      if (job.state === 'done') break;
      expect(job.state).toBe('copying');
      await new Promise((r) => setImmediate(r));
    }
    expect(existsSync(join(usb, 'to-khai.pdf'))).toBe(false);
  });

  it('"move" takes it out of the folder into moveTo, which the picker never shows', async () => {
    setUp('move');
    expect(await stage('to-khai.pdf')).toMatchObject({ state: 'done' });
    expect(existsSync(join(usb, 'to-khai.pdf'))).toBe(false);
    const there = readdirSync(moved);
    expect(there).toHaveLength(1);
    expect(there[0]).toMatch(/-to-khai\.pdf$/);
    expect(sha(readFileSync(join(moved, there[0]!)))).toBe(sha(pdfBytes));
    expect(await names()).not.toContain('to-khai.pdf');
  });

  it('"keep" leaves it (a citizen’s own USB stick)', async () => {
    expect(await stage('to-khai.pdf')).toMatchObject({ state: 'done' });
    expect(existsSync(join(usb, 'to-khai.pdf'))).toBe(true);
  });

  it('a refused file stays where it was', async () => {
    setUp('delete');
    expect(await stage('giay-to.pdf')).toEqual({ state: 'refused', code: 'attachment_type' });
    expect(existsSync(join(usb, 'giay-to.pdf'))).toBe(true);
  });
});

describe('staging attachments', () => {
  it('copies a picked PDF with its SHA-256 and reports the bytes as it goes', async () => {
    expect(await stage('to-khai.pdf')).toMatchObject({ state: 'done', file: { documentId: 'd1', mediaType: 'application/pdf', size: pdfBytes.length, sha256: sha(pdfBytes) } });
  });

  it('judges the type by content: a zip named .pdf is refused', async () => {
    expect(await stage('giay-to.pdf')).toEqual({ state: 'refused', code: 'attachment_type' });
  });

  it('refuses a file over the configured size before copying anything', async () => {
    writeFileSync(join(usb, 'big.pdf'), Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300_000, 0x20)]));
    expect(await stage('big.pdf')).toEqual({ state: 'refused', code: 'attachment_too_large' });
    expect(readdirSync(join(root, 'staging'))).toEqual([]);
  });

  it('refuses an image whose header claims more pixels than the limit, without decoding it', async () => {
    // A valid PNG signature and IHDR for 60,000 × 60,000 pixels: 14 GB if anyone decoded it.
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(60_000, 0);
    ihdr.writeUInt32BE(60_000, 4);
    ihdr.set([8, 6, 0, 0, 0], 8);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), ihdr, Buffer.alloc(200)]);
    writeFileSync(join(usb, 'bomb.png'), png);
    expect(await stage('bomb.png')).toEqual({ state: 'refused', code: 'attachment_too_large' });
    // A JPEG that never says how big it is cannot be checked, so it is not taken.
    writeFileSync(join(usb, 'no-frame.jpg'), Buffer.concat([jpegBytes.subarray(0, 20), Buffer.from([0xff, 0xd9])]));
    expect(await stage('no-frame.jpg')).toEqual({ state: 'refused', code: 'attachment_unreadable' });
  });

  it('takes a camera photo in ordered chunks, checks its type from the first chunk, and hashes it', async () => {
    const begun = await staging.beginUpload({ documentId: 'd2', fileName: 'anh-chup.jpg', size: jpegBytes.length });
    if (!begun.ok) throw new Error('begin failed');
    const { uploadId } = begun.value;
    const half = Math.floor(jpegBytes.length / 2);
    expect((await staging.appendChunk({ uploadId, offset: half, data: jpegBytes.subarray(half) })).ok).toBe(false);
    expect((await staging.appendChunk({ uploadId, offset: 0, data: jpegBytes.subarray(0, half) })).ok).toBe(true);
    expect((await staging.appendChunk({ uploadId, offset: half, data: jpegBytes.subarray(half) })).ok).toBe(true);
    const done = await staging.finishUpload(uploadId);
    expect(done).toMatchObject({ ok: true, value: { mediaType: 'image/jpeg', size: jpegBytes.length, sha256: sha(jpegBytes) } });
  });

  it('refuses an upload that is not an image or PDF, and one declared over the limit', async () => {
    const exe = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);
    const begun = await staging.beginUpload({ documentId: 'd2', fileName: 'x.jpg', size: exe.length });
    if (!begun.ok) throw new Error('begin failed');
    expect(await staging.appendChunk({ uploadId: begun.value.uploadId, offset: 0, data: exe })).toMatchObject({ ok: false, error: { code: 'attachment_type' } });
    expect(await staging.beginUpload({ documentId: 'd2', fileName: 'x.jpg', size: 300_000 })).toMatchObject({ ok: false, error: { code: 'attachment_too_large' } });
  });

  it('wipe removes every staged file of the visit', async () => {
    await stage('to-khai.pdf');
    expect(readdirSync(join(root, 'staging')).length).toBe(1);
    await staging.wipe();
    expect(readdirSync(join(root, 'staging'))).toEqual([]);
    expect(staging.count()).toBe(0);
  });
});

describe('content sniffing', () => {
  it('knows PDF, JPEG and PNG by their first bytes and nothing else', () => {
    expect(sniffMediaType(pdfBytes.subarray(0, 8))).toBe('application/pdf');
    expect(sniffMediaType(jpegBytes.subarray(0, 8))).toBe('image/jpeg');
    expect(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniffMediaType(Buffer.from('GIF89a..'))).toBeNull();
    expect(sniffMediaType(Buffer.from('%PD'))).toBeNull();
  });
});
