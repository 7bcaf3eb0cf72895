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
const pathOf = (sha256: string) => join(files.dir, sha256);
const TAG = '01938d2a-0000-7000-8000-000000000001';
/** Stores and commits, as an enqueue whose row committed does. */
async function keep(path: string, opts: { maxBytes: number; expectedSha256?: string }) {
  const r = await files.store(path, { ...opts, tag: TAG });
  if (r.ok) await files.commit(TAG, [r.value.sha256]);
  return r.ok ? { ok: true as const, value: { sha256: r.value.sha256, size: r.value.size } } : { ok: false as const, error: r.error };
}

describe('attachment files', () => {
  // Sizes either side of the copy buffer: a read that fills it exactly is not the end of the file.
  it.each([1, 4096, MiB - 1, MiB, MiB + 1, 2 * MiB, 2.5 * MiB])('copies a %i-byte file byte for byte under its SHA-256', async (size) => {
    const bytes = randomBytes(size);
    const r = await keep(source(bytes), { maxBytes: 10 * MiB });
    expect(r).toEqual({ ok: true, value: { sha256: sha(bytes), size } });
    expect(readFileSync(pathOf(sha(bytes))).equals(bytes)).toBe(true);
    expect(stored()).toEqual([sha(bytes)]);
    expect(files.exists(sha(bytes))).toBe(true);
  });

  it('stores several files at once without mixing their bytes (buffers are shared between stores)', async () => {
    const contents = Array.from({ length: 6 }, (_, i) => randomBytes(300_000 + i * 700_000));
    const results = await Promise.all(contents.map((b) => keep(source(b), { maxBytes: 10 * MiB })));
    for (const [i, b] of contents.entries()) {
      expect(results[i]).toEqual({ ok: true, value: { sha256: sha(b), size: b.length } });
      expect(readFileSync(pathOf(sha(b))).equals(b)).toBe(true);
    }
  });

  it('refuses a file over the limit, an empty file, a directory and a missing file, leaving nothing behind', async () => {
    expect(await keep(source(randomBytes(MiB + 10)), { maxBytes: MiB })).toEqual({ ok: false, error: 'too_large' });
    expect(await keep(source(Buffer.alloc(0)), { maxBytes: MiB })).toEqual({ ok: false, error: 'empty' });
    const folder = join(tmp.dir, 'a-folder');
    mkdirSync(folder);
    expect(await keep(folder, { maxBytes: MiB })).toEqual({ ok: false, error: 'unreadable' });
    expect(await keep(join(tmp.dir, 'nope'), { maxBytes: MiB })).toEqual({ ok: false, error: 'unreadable' });
    expect(stored()).toEqual([]);
  });

  it('the same bytes stored twice keep the first file, and leave no temp file behind', async () => {
    const bytes = randomBytes(70_000);
    const first = await keep(source(bytes), { maxBytes: MiB });
    const before = (await import('node:fs')).statSync(pathOf(sha(bytes))).ino;
    const again = await Promise.all([keep(source(bytes), { maxBytes: MiB }), keep(source(bytes), { maxBytes: MiB })]);
    expect(again).toEqual([first, first]);
    expect(stored()).toEqual([sha(bytes)]);
    expect((await import('node:fs')).statSync(pathOf(sha(bytes))).ino).toBe(before);
  });

  it('refuses bytes that are not the ones the caller hashed', async () => {
    const bytes = randomBytes(5000);
    expect(await keep(source(bytes), { maxBytes: MiB, expectedSha256: sha(randomBytes(10)) })).toEqual({ ok: false, error: 'mismatch' });
    expect(await keep(source(bytes), { maxBytes: MiB, expectedSha256: sha(bytes) })).toMatchObject({ ok: true });
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
    await keep(source(bytes), { maxBytes: MiB });
    expect(files.exists('0'.repeat(64))).toBe(false);
    await files.remove(sha(bytes));
    expect(files.exists(sha(bytes))).toBe(false);
    await files.remove(sha(bytes));
  });

  it('a stored file keeps a pending name tagged with its submission until the row commits; a discarded store leaves nothing', async () => {
    const bytes = randomBytes(20_000);
    const r = await files.store(source(bytes), { maxBytes: MiB, tag: TAG });
    expect(r).toMatchObject({ ok: true, value: { sha256: sha(bytes), created: true } });
    expect(stored()).toEqual([`.pending-${TAG}-${sha(bytes)}`]);
    expect(files.exists(sha(bytes))).toBe(false);
    expect(await files.list()).toMatchObject({ final: [], pending: [{ tag: TAG, sha256: sha(bytes) }], temp: [] });
    await files.discard(TAG, [sha(bytes)]);
    expect(stored()).toEqual([]);

    await files.store(source(bytes), { maxBytes: MiB, tag: TAG });
    await files.commit(TAG, [sha(bytes)]);
    expect(stored()).toEqual([sha(bytes)]);
    // Already there: a second submission with the same bytes adds nothing, and discarding it removes nothing.
    const again = await files.store(source(bytes), { maxBytes: MiB, tag: 'other-key' });
    expect(again).toMatchObject({ ok: true, value: { created: false } });
    await files.discard('other-key', [sha(bytes)]);
    expect(stored()).toEqual([sha(bytes)]);
  });

  it('streams a stored file checked against its record: the bytes on record pass, a truncated, grown or garbled copy is stopped before its last chunk', async () => {
    const bytes = randomBytes(3 * 65536 + 123);
    await keep(source(bytes), { maxBytes: MiB });
    const drain = async (size: number) => {
      const stream = files.openVerified(sha(bytes), size);
      const chunks: Buffer[] = [];
      const error = await new Promise<unknown>((ok) => {
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => ok(null));
        stream.on('error', ok);
      });
      return { error, received: Buffer.concat(chunks), damaged: stream.damaged };
    };
    const good = await drain(bytes.length);
    expect(good).toMatchObject({ error: null, damaged: false });
    expect(good.received.equals(bytes)).toBe(true);
    expect(files.check(sha(bytes), bytes.length)).toBe('ok');

    const { truncateSync, writeFileSync: write } = await import('node:fs');
    truncateSync(pathOf(sha(bytes)), bytes.length - 1000);
    expect(files.check(sha(bytes), bytes.length)).toBe('damaged');
    const truncated = await drain(bytes.length);
    expect(truncated.damaged).toBe(true);
    expect(truncated.received.length).toBeLessThan(bytes.length - 1000);

    const garbled = Buffer.from(bytes);
    garbled[100] = garbled[100]! ^ 0xff;
    write(pathOf(sha(bytes)), garbled);
    expect(files.check(sha(bytes), bytes.length)).toBe('ok');
    const bad = await drain(bytes.length);
    expect(bad.damaged).toBe(true);
    expect(bad.received.length).toBeLessThan(bytes.length);

    write(pathOf(sha(bytes)), Buffer.concat([bytes, Buffer.from('more')]));
    expect((await drain(bytes.length)).damaged).toBe(true);
    expect(files.check('0'.repeat(64), 10)).toBe('missing');
  });
});
