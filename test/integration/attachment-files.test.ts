import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildSealer, sealedSize } from '../../main/keys/file-cipher';
import { newDataKey } from '../../main/keys/data-key';
import { openAttachmentFiles, type AttachmentCrypto, type AttachmentFiles } from '../../main/services/outbox/attachment-files';
import { tempDir } from './outbox/fixtures';

const MiB = 1024 * 1024;
let tmp: ReturnType<typeof tempDir>;
let files: AttachmentFiles;

const dataKey = newDataKey();
const crypto: AttachmentCrypto = {
  nameOf: (sha256) => createHash('sha256').update(`name key|${sha256}`).digest('hex'),
  sealWith: dataKey,
  keyFor: (id) => (id === dataKey.id ? dataKey.bytes : null),
};

beforeEach(async () => {
  tmp = tempDir('kiosk-attachments-');
  files = await openAttachmentFiles(join(tmp.dir, 'data'), { crypto });
});
afterEach(() => tmp.cleanup());

const source = (bytes: Buffer) => {
  const path = join(tmp.dir, `src-${randomBytes(4).toString('hex')}`);
  writeFileSync(path, bytes);
  return path;
};
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const stored = () => readdirSync(files.dir);
const nameOf = (sha256: string) => crypto.nameOf(sha256);
const pathOf = (sha256: string) => join(files.dir, nameOf(sha256));
/** What a reader with the key gets back: the stored document's bytes. */
async function plain(sha256: string, size: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of files.openVerified(sha256, size)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
/** A file's bytes at rest are sealed: the size of the sealed form, with no run of the document in it. */
function sealedAtRest(sha256: string, bytes: Buffer): boolean {
  const raw = readFileSync(pathOf(sha256));
  const probe = bytes.subarray(Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + Math.min(32, bytes.length));
  // (A run shorter than 16 bytes could turn up in random ciphertext by chance.)
  return raw.length === sealedSize(bytes.length) && raw.subarray(0, 4).toString('latin1') === 'KDVF' && (probe.length < 16 || !raw.includes(probe));
}
const TAG = '01938d2a-0000-7000-8000-000000000001';
/** Stores and commits, as an enqueue whose row committed does. */
async function keep(path: string, opts: { maxBytes: number; expectedSha256?: string }) {
  const r = await files.store(path, { ...opts, tag: TAG });
  if (r.ok) await files.commit(TAG, [r.value.sha256]);
  return r.ok ? { ok: true as const, value: { sha256: r.value.sha256, size: r.value.size } } : { ok: false as const, error: r.error };
}

describe('attachment files', () => {
  // Sizes either side of the copy buffer: a read that fills it exactly is not the end of the file.
  it.each([1, 4096, 65536, MiB - 1, MiB, MiB + 1, 2 * MiB, 2.5 * MiB])('seals a %i-byte file under the keyed name of its SHA-256, and gives the same bytes back', async (size) => {
    const bytes = randomBytes(size);
    const r = await keep(source(bytes), { maxBytes: 10 * MiB });
    expect(r).toEqual({ ok: true, value: { sha256: sha(bytes), size } });
    expect(stored()).toEqual([nameOf(sha(bytes))]);
    expect(sealedAtRest(sha(bytes), bytes)).toBe(true);
    expect((await plain(sha(bytes), size)).equals(bytes)).toBe(true);
    expect(await files.measure(sha(bytes))).toEqual({ sha256: sha(bytes), size });
    expect(files.exists(sha(bytes))).toBe(true);
  });

  it('takes a source that is itself sealed (a staged file) and opens it on the way in', async () => {
    const visitKey = { id: 'aaaaaaaaaaaaaaaa', bytes: randomBytes(32) };
    const bytes = randomBytes(150_000);
    const sealer = buildSealer(visitKey);
    const staged = source(Buffer.concat([sealer.update(bytes), sealer.finish()]));
    const r = await files.store(staged, { maxBytes: MiB, tag: TAG, sourceKeys: (id) => (id === visitKey.id ? visitKey.bytes : null) });
    expect(r).toMatchObject({ ok: true, value: { sha256: sha(bytes), size: bytes.length } });
    // A damaged staged file is refused as unreadable, not stored.
    const broken = readFileSync(staged);
    broken[broken.length - 3]! ^= 1;
    const r2 = await files.store(source(broken), { maxBytes: MiB, tag: 'other', sourceKeys: (id) => (id === visitKey.id ? visitKey.bytes : null) });
    expect(r2).toMatchObject({ ok: false, error: 'unreadable' });
  });

  it('seals the plain files an earlier build left under their SHA-256, and overwrites the plain copies', async () => {
    const bytes = randomBytes(200_000);
    writeFileSync(join(files.dir, sha(bytes)), bytes);
    writeFileSync(join(files.dir, `.pending-${TAG}-${sha(randomBytes(1))}`), Buffer.from('x'));
    expect(await files.sealPlainFiles()).toBe(2);
    expect(stored()).toContain(nameOf(sha(bytes)));
    expect(stored()).not.toContain(sha(bytes));
    expect(sealedAtRest(sha(bytes), bytes)).toBe(true);
    expect((await plain(sha(bytes), bytes.length)).equals(bytes)).toBe(true);
    expect(await files.sealPlainFiles()).toBe(0);
  });

  it('stores several files at once without mixing their bytes (buffers are shared between stores)', async () => {
    const contents = Array.from({ length: 6 }, (_, i) => randomBytes(300_000 + i * 700_000));
    const results = await Promise.all(contents.map((b) => keep(source(b), { maxBytes: 10 * MiB })));
    for (const [i, b] of contents.entries()) {
      expect(results[i]).toEqual({ ok: true, value: { sha256: sha(b), size: b.length } });
      expect((await plain(sha(b), b.length)).equals(b)).toBe(true);
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
    expect(stored()).toEqual([nameOf(sha(bytes))]);
    expect((await import('node:fs')).statSync(pathOf(sha(bytes))).ino).toBe(before);
  });

  it('refuses bytes that are not the ones the caller hashed', async () => {
    const bytes = randomBytes(5000);
    expect(await keep(source(bytes), { maxBytes: MiB, expectedSha256: sha(randomBytes(10)) })).toEqual({ ok: false, error: 'mismatch' });
    expect(await keep(source(bytes), { maxBytes: MiB, expectedSha256: sha(bytes) })).toMatchObject({ ok: true });
    expect(stored()).toEqual([nameOf(sha(bytes))]);
  });

  it('fsyncs the directory after renames on POSIX, and does not try on Windows, where a directory cannot be fsynced', async () => {
    await expect(files.syncDir()).resolves.toBeUndefined();
    const gone = join(tmp.dir, 'gone');
    const posix = await openAttachmentFiles(gone, { crypto, platform: 'linux' });
    const windows = await openAttachmentFiles(join(tmp.dir, 'gone-too'), { crypto, platform: 'win32' });
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
    expect(stored()).toEqual([`.pending-${TAG}-${nameOf(sha(bytes))}`]);
    expect(files.exists(sha(bytes))).toBe(false);
    expect(await files.list()).toMatchObject({ final: [], pending: [{ tag: TAG, file: nameOf(sha(bytes)) }], temp: [] });
    await files.discard(TAG, [sha(bytes)]);
    expect(stored()).toEqual([]);

    await files.store(source(bytes), { maxBytes: MiB, tag: TAG });
    await files.commit(TAG, [sha(bytes)]);
    expect(stored()).toEqual([nameOf(sha(bytes))]);
    // Already there: a second submission with the same bytes adds nothing, and discarding it removes nothing.
    const again = await files.store(source(bytes), { maxBytes: MiB, tag: 'other-key' });
    expect(again).toMatchObject({ ok: true, value: { created: false } });
    await files.discard('other-key', [sha(bytes)]);
    expect(stored()).toEqual([nameOf(sha(bytes))]);
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
    const sealed = readFileSync(pathOf(sha(bytes)));
    truncateSync(pathOf(sha(bytes)), sealed.length - 1000);
    expect(files.check(sha(bytes), bytes.length)).toBe('damaged');
    const truncated = await drain(bytes.length);
    expect(truncated.damaged).toBe(true);
    expect(truncated.received.length).toBeLessThan(bytes.length - 1000);

    const garbled = Buffer.from(sealed);
    garbled[100] = garbled[100]! ^ 0xff;
    write(pathOf(sha(bytes)), garbled);
    expect(files.check(sha(bytes), bytes.length)).toBe('ok');
    const bad = await drain(bytes.length);
    expect(bad.damaged).toBe(true);
    expect(bad.received.length).toBeLessThan(bytes.length);

    // Sealed whole but not the document on record (another file's seal under this name).
    const other = randomBytes(bytes.length);
    const s = buildSealer(dataKey);
    write(pathOf(sha(bytes)), Buffer.concat([s.update(other), s.finish()]));
    expect(files.check(sha(bytes), bytes.length)).toBe('ok');
    expect((await drain(bytes.length)).damaged).toBe(true);

    write(pathOf(sha(bytes)), Buffer.concat([sealed, Buffer.from('more')]));
    expect((await drain(bytes.length)).damaged).toBe(true);
    expect(files.check('0'.repeat(64), 10)).toBe('missing');
  });
});
