import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAttachmentFiles, type AttachmentFiles } from '../../main/services/outbox/attachment-files';
import { tempDir } from './outbox/fixtures';

const MiB = 1024 * 1024;
let tmp: ReturnType<typeof tempDir>;
let files: AttachmentFiles;

beforeEach(async () => {
  tmp = tempDir('kiosk-attachments-');
  files = await openAttachmentFiles(join(tmp.dir, 'data'));
});
afterEach(() => tmp.cleanup());

const source = (bytes: Buffer) => {
  const path = join(tmp.dir, `src-${randomBytes(4).toString('hex')}`);
  writeFileSync(path, bytes);
  return path;
};
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const stored = () => readdirSync(files.dir);

describe('attachment files', () => {
  // Sizes either side of the copy buffer: a read that fills it exactly is not the end of the file.
  it.each([1, 4096, MiB - 1, MiB, MiB + 1, 2 * MiB, 2.5 * MiB])('copies a %i-byte file byte for byte under its SHA-256', async (size) => {
    const bytes = randomBytes(size);
    const r = await files.store(source(bytes), { maxBytes: 10 * MiB });
    expect(r).toEqual({ ok: true, value: { sha256: sha(bytes), size } });
    expect(readFileSync(files.pathOf(sha(bytes))).equals(bytes)).toBe(true);
    expect(stored()).toEqual([sha(bytes)]);
    expect(files.exists(sha(bytes))).toBe(true);
  });

  it('stores several files at once without mixing their bytes (buffers are shared between stores)', async () => {
    const contents = Array.from({ length: 6 }, (_, i) => randomBytes(300_000 + i * 700_000));
    const results = await Promise.all(contents.map((b) => files.store(source(b), { maxBytes: 10 * MiB })));
    for (const [i, b] of contents.entries()) {
      expect(results[i]).toEqual({ ok: true, value: { sha256: sha(b), size: b.length } });
      expect(readFileSync(files.pathOf(sha(b))).equals(b)).toBe(true);
    }
  });

  it('refuses a file over the limit, an empty file, a directory and a missing file, leaving nothing behind', async () => {
    expect(await files.store(source(randomBytes(MiB + 10)), { maxBytes: MiB })).toEqual({ ok: false, error: 'too_large' });
    expect(await files.store(source(Buffer.alloc(0)), { maxBytes: MiB })).toEqual({ ok: false, error: 'empty' });
    const folder = join(tmp.dir, 'a-folder');
    mkdirSync(folder);
    expect(await files.store(folder, { maxBytes: MiB })).toEqual({ ok: false, error: 'unreadable' });
    expect(await files.store(join(tmp.dir, 'nope'), { maxBytes: MiB })).toEqual({ ok: false, error: 'unreadable' });
    expect(stored()).toEqual([]);
  });

  it('the same bytes stored twice keep the first file, and leave no temp file behind', async () => {
    const bytes = randomBytes(70_000);
    const first = await files.store(source(bytes), { maxBytes: MiB });
    const before = (await import('node:fs')).statSync(files.pathOf(sha(bytes))).ino;
    const again = await Promise.all([files.store(source(bytes), { maxBytes: MiB }), files.store(source(bytes), { maxBytes: MiB })]);
    expect(again).toEqual([first, first]);
    expect(stored()).toEqual([sha(bytes)]);
    expect((await import('node:fs')).statSync(files.pathOf(sha(bytes))).ino).toBe(before);
  });

  it('refuses bytes that are not the ones the caller hashed', async () => {
    const bytes = randomBytes(5000);
    expect(await files.store(source(bytes), { maxBytes: MiB, expectedSha256: sha(randomBytes(10)) })).toEqual({ ok: false, error: 'mismatch' });
    expect(await files.store(source(bytes), { maxBytes: MiB, expectedSha256: sha(bytes) })).toMatchObject({ ok: true });
    expect(stored()).toEqual([sha(bytes)]);
  });

  it('fsyncs the directory after renames on POSIX, and does not try on Windows, where a directory cannot be fsynced', async () => {
    await expect(files.syncDir()).resolves.toBeUndefined();
    const gone = join(tmp.dir, 'gone');
    const posix = await openAttachmentFiles(gone, { platform: 'linux' });
    const windows = await openAttachmentFiles(join(tmp.dir, 'gone-too'), { platform: 'win32' });
    rmSync(gone, { recursive: true });
    rmSync(join(tmp.dir, 'gone-too'), { recursive: true });
    // With its folder gone, the POSIX store really opens it (and fails); the Windows one never does.
    await expect(posix.syncDir()).rejects.toThrow();
    await expect(windows.syncDir()).resolves.toBeUndefined();
  });

  it('tells a missing stored file from a present one, and removes one', async () => {
    const bytes = randomBytes(100);
    await files.store(source(bytes), { maxBytes: MiB });
    expect(files.exists('0'.repeat(64))).toBe(false);
    await files.remove(sha(bytes));
    expect(files.exists(sha(bytes))).toBe(false);
    await files.remove(sha(bytes));
  });
});
