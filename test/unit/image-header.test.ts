import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imageLimits, imageSize, withinImageLimits } from '../../main/services/attachments/image-header';

/** Image sizes read from headers only: never a decode, never a throw on hostile bytes. */
const jpeg = readFileSync(new URL('../../resources/sample-documents/giay-chung-sinh-mau.jpg', import.meta.url));

function pngHeader(width: number, height: number): Buffer {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

/** SOI, an APP0 segment, restart-free fill bytes, then a baseline or progressive frame header. */
function jpegHeader(width: number, height: number, sof: number, appBytes: number): Buffer {
  const app = Buffer.alloc(appBytes + 4);
  app.set([0xff, 0xe0]);
  app.writeUInt16BE(appBytes + 2, 2);
  const frame = Buffer.from([0xff, 0xff, 0xff, sof, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app, frame, Buffer.alloc(8)]);
}

describe('image sizes from headers', () => {
  it('reads the demo photo’s size from its frame header', () => {
    expect(imageSize('image/jpeg', jpeg)).toEqual({ width: expect.any(Number), height: expect.any(Number) });
  });

  it('reads back any PNG size written into IHDR', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (w, h) => {
      expect(imageSize('image/png', pngHeader(w, h))).toEqual({ width: w, height: h });
    }));
  });

  it('reads back any JPEG size after metadata segments, for baseline and progressive frames', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 1, max: 65535 }), fc.constantFrom(0xc0, 0xc1, 0xc2), fc.integer({ min: 0, max: 5000 }), (w, h, sof, app) => {
        expect(imageSize('image/jpeg', jpegHeader(w, h, sof, app))).toEqual({ width: w, height: h });
      }),
    );
  });

  it('never throws on arbitrary bytes, and says null when it cannot tell', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('image/png' as const, 'image/jpeg' as const), (bytes, type) => {
      const size = imageSize(type, bytes);
      if (size) expect(size.width > 0 && size.height > 0).toBe(true);
    }));
    expect(imageSize('image/jpeg', Buffer.concat([jpeg.subarray(0, 20), Buffer.from([0xff, 0xd9])]))).toBeNull();
    expect(imageSize('image/png', pngHeader(0, 10))).toBeNull();
    expect(imageSize('application/pdf', jpeg)).toBeNull();
  });

  it('allows an A4 page scanned at 600 dpi, not a decompression bomb', () => {
    expect(withinImageLimits({ width: 4961, height: 7016 })).toBe(true);
    expect(withinImageLimits({ width: 60_000, height: 60_000 })).toBe(false);
    expect(withinImageLimits({ width: imageLimits.maxSide + 1, height: 10 })).toBe(false);
  });
});
