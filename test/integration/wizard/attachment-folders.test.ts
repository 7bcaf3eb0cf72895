import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/log';
import { buildAttachmentFolders, type AttachmentFolders } from '../../../main/services/attachments/folders';
import { sniffMediaType } from '../../../main/services/attachments/sniff';
import { buildStaging, type StageJob, type Staging } from '../../../main/services/attachments/staging';

/** The confined file picker and the visit's staging area, on real files in a temp dir. */
let root: string;
let usb: string;
let folders: AttachmentFolders;
let staging: Staging;
const pdfBytes = readFileSync(new URL('../../../resources/sample-documents/to-khai-mau.pdf', import.meta.url));
const jpegBytes = readFileSync(new URL('../../../resources/sample-documents/giay-chung-sinh-mau.jpg', import.meta.url));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'kiosk-attach-'));
  usb = join(root, 'usb');
  mkdirSync(usb);
  mkdirSync(join(root, 'secret'));
  writeFileSync(join(root, 'secret', 'passwd.pdf'), pdfBytes);
  writeFileSync(join(usb, 'to-khai.pdf'), pdfBytes);
  writeFileSync(join(usb, 'ảnh giấy tờ.jpg'), jpegBytes);
  writeFileSync(join(usb, 'giay-to.pdf'), 'PK\u0003\u0004 this is really a zip file');
  writeFileSync(join(usb, '.hidden.pdf'), pdfBytes);
  mkdirSync(join(usb, 'subfolder'));
  symlinkSync(join(root, 'secret', 'passwd.pdf'), join(usb, 'escape.pdf'));
  symlinkSync(join(usb, 'to-khai.pdf'), join(usb, 'alias.pdf'));
  folders = buildAttachmentFolders([
    { id: 'usb', label: 'USB', path: usb },
    { id: 'gone', label: 'Máy quét', path: join(root, 'not-mounted') },
  ]);
  staging = buildStaging({ dir: join(root, 'staging'), maxBytes: 200_000, folders, logger: silentLogger });
  await staging.wipe();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function settle(jobId: string): Promise<StageJob> {
  for (;;) {
    const job = staging.job(jobId)!;
    if (job.state !== 'copying') return job;
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('the confined file picker', () => {
  it('lists only the regular files directly in the folder, not hidden files, folders or escaping links', async () => {
    const r = await folders.files('usb');
    expect(r.ok && r.value.map((f) => f.name)).toEqual(['alias.pdf', 'ảnh giấy tờ.jpg', 'giay-to.pdf', 'to-khai.pdf']);
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
    ['a folder', 'subfolder'],
    ['a hidden file', '.hidden.pdf'],
  ])('refuses %s', async (_what, given) => {
    const name = given.replace('<usb>', usb);
    const r = await folders.resolve('usb', name);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(['file_not_allowed', 'attachment_unreadable']).toContain(r.error.code);
    const staged = await staging.stageFromFolder({ documentId: 'd1', folderId: 'usb', fileName: name });
    expect(staged.ok).toBe(false);
    expect(readdirSync(join(root, 'staging'))).toEqual([]);
  });

  it('accepts a symlink that stays inside the folder, and a name given in NFD', async () => {
    expect((await folders.resolve('usb', 'alias.pdf')).ok).toBe(true);
    expect((await folders.resolve('usb', 'ảnh giấy tờ.jpg'.normalize('NFD'))).ok).toBe(true);
  });

  it('refuses an unknown folder id and says when a folder is not there', async () => {
    expect(await folders.files('nope')).toMatchObject({ ok: false, error: { code: 'folder_unavailable' } });
    expect(await folders.files('gone')).toMatchObject({ ok: false, error: { code: 'folder_unavailable' } });
  });
});

describe('staging attachments', () => {
  it('copies a picked PDF with its SHA-256 and reports the bytes as it goes', async () => {
    const started = await staging.stageFromFolder({ documentId: 'd1', folderId: 'usb', fileName: 'to-khai.pdf' });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const job = await settle(started.value.jobId);
    expect(job).toMatchObject({ state: 'done', file: { documentId: 'd1', mediaType: 'application/pdf', size: pdfBytes.length, sha256: sha(pdfBytes) } });
  });

  it('judges the type by content: a zip named .pdf is refused', async () => {
    expect(await staging.stageFromFolder({ documentId: 'd1', folderId: 'usb', fileName: 'giay-to.pdf' })).toMatchObject({ ok: false, error: { code: 'attachment_type' } });
  });

  it('refuses a file over the configured size before copying anything', async () => {
    writeFileSync(join(usb, 'big.pdf'), Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300_000, 0x20)]));
    expect(await staging.stageFromFolder({ documentId: 'd1', folderId: 'usb', fileName: 'big.pdf' })).toMatchObject({ ok: false, error: { code: 'attachment_too_large' } });
    expect(readdirSync(join(root, 'staging'))).toEqual([]);
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
    const started = await staging.stageFromFolder({ documentId: 'd1', folderId: 'usb', fileName: 'to-khai.pdf' });
    if (started.ok) await settle(started.value.jobId);
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
