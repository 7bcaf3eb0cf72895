import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/log';
import { buildAttachmentFolders } from '../../../main/services/attachments/folders';
import { buildStaging, type StageJob, type Staging } from '../../../main/services/attachments/staging';
import { mountTmpfs, tmpfsAvailable, TMPFS_SKIP_REASON, type SmallDisk } from '../../support/tmpfs';

/**
 * A camera photo or a file from the USB stick staged onto a kiosk disk that is full: a real 2 MB
 * tmpfs filled from outside. The citizen hears `storage_unavailable` (not `internal`), nothing
 * half-written stays behind, and the next photo works once space is back.
 */
// A real JPEG's header up to its first scan (its size is read from there), then random bytes.
const sampleJpeg = readFileSync(new URL('../../../resources/sample-documents/giay-chung-sinh-mau.jpg', import.meta.url));
const jpegHead = sampleJpeg.subarray(0, sampleJpeg.indexOf(Buffer.from([0xff, 0xda])));
const photo = (size: number) => Buffer.concat([jpegHead, randomBytes(size - jpegHead.length)]);

let disk: SmallDisk;
let usb: string;
let staging: Staging;
const stagingDir = () => join(disk.dir, 'data', 'staging');

beforeAll(() => {
  if (!tmpfsAvailable) return;
  disk = mountTmpfs(2 * 1024 * 1024)!;
  usb = mkdtempSync(join(tmpdir(), 'kiosk-usb-'));
});
afterAll(() => {
  disk?.unmount();
  if (usb) rmSync(usb, { recursive: true, force: true });
});
beforeEach(async () => {
  if (!tmpfsAvailable) return;
  mkdirSync(join(disk.dir, 'data'), { recursive: true });
  const folders = buildAttachmentFolders([{ id: 'usb', label: 'USB', path: usb }], { afterPick: 'keep', logger: silentLogger });
  staging = buildStaging({ dir: stagingDir(), maxBytes: 5 * 1024 * 1024, folders, logger: silentLogger });
  await staging.wipe();
});
afterEach(() => {
  if (!tmpfsAvailable) return;
  disk.unfill();
  rmSync(join(disk.dir, 'data'), { recursive: true, force: true });
});

async function settle(jobId: string): Promise<StageJob> {
  for (;;) {
    const job = staging.job(jobId)!;
    if (job.state !== 'copying') return job;
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function sendPhoto(bytes: Buffer, chunk = 64 * 1024) {
  const begun = await staging.beginUpload({ documentId: 'DOC-1', fileName: 'ảnh.jpg', size: bytes.length });
  if (!begun.ok) return begun;
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    const r = await staging.appendChunk({ uploadId: begun.value.uploadId, offset, data: bytes.subarray(offset, offset + chunk) });
    if (!r.ok) return r;
  }
  return staging.finishUpload(begun.value.uploadId);
}

describe.skipIf(!tmpfsAvailable)(`staging on a full disk${TMPFS_SKIP_REASON}`, () => {
  it('a camera photo on a full disk is refused as storage_unavailable at its first step, leaving no file', async () => {
    disk.fill();
    const r = await sendPhoto(photo(200_000));
    expect(r).toEqual({ ok: false, error: { code: 'storage_unavailable' } });
    expect(readdirSync(stagingDir())).toEqual([]);
  });

  it('a photo that runs out of disk half-way is refused as storage_unavailable and its part is removed; the next one works once space is back', async () => {
    disk.fill(300 * 1024);
    const r = await sendPhoto(photo(900_000));
    expect(r).toEqual({ ok: false, error: { code: 'storage_unavailable' } });
    expect(readdirSync(stagingDir())).toEqual([]);
    expect(staging.count()).toBe(0);

    disk.unfill();
    const again = await sendPhoto(photo(900_000));
    expect(again).toMatchObject({ ok: true, value: { size: 900_000, mediaType: 'image/jpeg' } });
  });

  it('a file from the USB stick copied onto a full disk fails as storage_unavailable, not as an unreadable stick', async () => {
    writeFileSync(join(usb, 'scan.jpg'), photo(600_000));
    disk.fill(100 * 1024);
    const started = await staging.stageFromFolder({ documentId: 'DOC-1', folderId: 'usb', fileName: 'scan.jpg' });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    expect(await settle(started.value.jobId)).toEqual({ state: 'failed', error: { code: 'storage_unavailable' } });
    expect(readdirSync(stagingDir())).toEqual([]);

    disk.unfill();
    const again = await staging.stageFromFolder({ documentId: 'DOC-1', folderId: 'usb', fileName: 'scan.jpg' });
    expect(again.ok && (await settle(again.value.jobId))).toMatchObject({ state: 'done', file: { size: 600_000 } });
  });
});
