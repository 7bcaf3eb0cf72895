import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildLogger, silentLogger } from '../../../main/log';
import { buildThumbnailer, type Decode } from '../../../main/services/attachments/thumbnail';

/** Previews of attached images, decoded by the real canvas module in a real worker thread. */
const jpeg = readFileSync(new URL('../../../resources/sample-documents/giay-chung-sinh-mau.jpg', import.meta.url));
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'kiosk-thumb-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function counting() {
  const calls = { n: 0 };
  const wrap = (inWorker: Decode): Decode => (bytes) => {
    calls.n += 1;
    return inWorker(bytes);
  };
  return { calls, wrap };
}

describe('thumbnails', () => {
  it('are small JPEGs decoded in a worker thread', async () => {
    writeFileSync(join(dir, 'a.jpg'), jpeg);
    const { calls, wrap } = counting();
    const url = await buildThumbnailer({ logger: silentLogger, decode: wrap }).make(() => readFile(join(dir, 'a.jpg')), 'image/jpeg');
    expect(url).toMatch(/^data:image\/jpeg;base64,\/9j\//);
    expect(calls.n).toBe(1);
  });

  it('are never decoded for an image whose header claims too many pixels', async () => {
    const png = Buffer.alloc(64);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).copy(png, 0);
    png.write('IHDR', 12, 'latin1');
    png.writeUInt32BE(100_000, 16);
    png.writeUInt32BE(100_000, 20);
    writeFileSync(join(dir, 'bomb.png'), png);
    const { calls, wrap } = counting();
    expect(await buildThumbnailer({ logger: silentLogger, decode: wrap }).make(() => readFile(join(dir, 'bomb.png')), 'image/png')).toBeNull();
    expect(calls.n).toBe(0);
  });

  it('are abandoned when the worker takes too long, and the worker is stopped', async () => {
    writeFileSync(join(dir, 'a.jpg'), jpeg);
    const lines: string[] = [];
    const logger = buildLogger({ level: 'debug', write: (l) => lines.push(l) });
    expect(await buildThumbnailer({ logger, timeoutMs: 1 }).make(() => readFile(join(dir, 'a.jpg')), 'image/jpeg')).toBeNull();
    expect(lines.some((l) => l.includes('attachments.thumbnail_timeout'))).toBe(true);
  });

  it('are not made for PDFs', async () => {
    writeFileSync(join(dir, 'a.pdf'), '%PDF-1.4');
    expect(await buildThumbnailer({ logger: silentLogger }).make(() => readFile(join(dir, 'a.pdf')), 'application/pdf')).toBeNull();
  });
});
