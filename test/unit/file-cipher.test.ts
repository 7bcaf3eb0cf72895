import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildOpener, buildSealer, openStream, SealedFileError, sealedSize, sealStream, type FileKey } from '../../main/keys/file-cipher';

const key: FileKey = { id: '0123456789abcdef', bytes: randomBytes(32) };
const keys = (id: string) => (id === key.id ? key.bytes : null);

function seal(plain: Buffer, pieces: number[], chunk = 1024): Buffer {
  const s = buildSealer(key, chunk);
  const out: Buffer[] = [];
  let at = 0;
  for (const p of pieces) {
    // The caller reuses its buffer after each call, as the attachment store does.
    const reused = Buffer.from(plain.subarray(at, at + p));
    out.push(s.update(reused));
    reused.fill(0xee);
    at += p;
  }
  out.push(s.update(Buffer.from(plain.subarray(at))));
  out.push(s.finish());
  return Buffer.concat(out);
}
function open(sealed: Buffer, pieces: number[]): Buffer {
  const o = buildOpener(keys);
  const out: Buffer[] = [];
  let at = 0;
  for (const p of pieces) {
    out.push(o.update(sealed.subarray(at, at + p)));
    at += p;
  }
  out.push(o.update(sealed.subarray(at)));
  out.push(o.finish());
  return Buffer.concat(out);
}
const problem = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof SealedFileError) return e.problem;
    throw e;
  }
  return null;
};

describe('sealed files (chunked AES-256-GCM)', () => {
  it('round-trips any bytes, fed and read in any pieces, and is as large as sealedSize says', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), fc.array(fc.integer({ min: 0, max: 1500 }), { maxLength: 6 }), fc.array(fc.integer({ min: 1, max: 1500 }), { maxLength: 6 }), (bytes, inPieces, outPieces) => {
        const plain = Buffer.from(bytes);
        const sealed = seal(plain, inPieces);
        expect(sealed.length).toBe(sealedSize(plain.length, 1024));
        expect(open(sealed, outPieces).equals(plain)).toBe(true);
      }),
    );
  });

  it('hides the content, and seals the same bytes differently every time', () => {
    const plain = Buffer.from('Nguyễn Thị Hồng Nhung 066185000123 '.repeat(100));
    const a = seal(plain, []);
    const b = seal(plain, []);
    expect(a.includes(Buffer.from('066185000123'))).toBe(false);
    expect(a.equals(b)).toBe(false);
  });

  it('refuses a changed byte, a cut at or inside a chunk, swapped chunks, a wrong key and a foreign file', () => {
    const plain = randomBytes(3000);
    const sealed = seal(plain, [], 1024);
    const flipped = Buffer.from(sealed);
    flipped[sealed.length - 100]! ^= 1;
    expect(problem(() => open(flipped, []))).toBe('truncated'); // the last chunk no longer authenticates
    const early = Buffer.from(sealed);
    early[60]! ^= 1;
    expect(problem(() => open(early, []))).toBe('damaged');
    // Cut exactly after the second chunk: what is left must not pass as a shorter file.
    expect(problem(() => open(sealed.subarray(0, 40 + 2 * (1024 + 16)), []))).toBe('truncated');
    expect(problem(() => open(sealed.subarray(0, sealed.length - 5), []))).toBe('truncated');
    const c1 = sealed.subarray(40, 40 + 1040);
    const c2 = sealed.subarray(40 + 1040, 40 + 2080);
    const swapped = Buffer.concat([sealed.subarray(0, 40), c2, c1, sealed.subarray(40 + 2080)]);
    expect(problem(() => open(swapped, []))).toBe('damaged');
    expect(problem(() => buildOpener(() => randomBytes(32)).update(sealed) && buildOpener(() => randomBytes(32)).finish())).not.toBeNull();
    expect(problem(() => buildOpener(() => null).update(sealed))).toBe('unknown_key');
    expect(problem(() => buildOpener(keys).update(Buffer.from('%PDF-1.7 not sealed at all, just a plain file of some length'.repeat(2))))).toBe('format');
  });

  it('streams a file through seal and open', async () => {
    const plain = randomBytes(200_000);
    const sealedParts: Buffer[] = [];
    await pipeline(Readable.from([plain.subarray(0, 70_000), plain.subarray(70_000)]), sealStream(key), async function* (src) {
      for await (const c of src) sealedParts.push(c as Buffer);
    });
    const back: Buffer[] = [];
    await pipeline(Readable.from(sealedParts), openStream(keys), async function* (src) {
      for await (const c of src) back.push(c as Buffer);
    });
    expect(Buffer.concat(back).equals(plain)).toBe(true);
  });
});
