import type { AttachmentMediaType } from '../../../common/domain/dossier';

/**
 * An image's size as its header states it, read without decoding anything. A 20 KB PNG can claim
 * 100,000 × 100,000 pixels and ask a decoder for 40 GB; so the size is checked here first, and
 * only an image within the limits is ever decoded (and then off the main thread, thumbnail.ts).
 */
export interface ImageSize {
  width: number;
  height: number;
}

/**
 * Limits for an attached image: 40 megapixels covers an A4 page scanned at 600 dpi (35 Mpx) and
 * any phone photo; decoded as RGBA that is at most 160 MB, once, in a worker.
 */
export const imageLimits = { maxSide: 16_384, maxPixels: 40_000_000 } as const;

/** How much of the file to read for its header: JPEG metadata (EXIF, ICC profiles) comes first. */
export const IMAGE_HEADER_BYTES = 1024 * 1024;

export function imageSize(mediaType: AttachmentMediaType, head: Uint8Array): ImageSize | null {
  const buf = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (mediaType === 'image/png') return pngSize(buf);
  if (mediaType === 'image/jpeg') return jpegSize(buf);
  return null;
}

export function withinImageLimits(size: ImageSize): boolean {
  return size.width <= imageLimits.maxSide && size.height <= imageLimits.maxSide && size.width * size.height <= imageLimits.maxPixels;
}

function pngSize(buf: Buffer): ImageSize | null {
  // Signature (8), then the first chunk must be IHDR: length 13, type, width, height.
  if (buf.length < 24 || buf.readUInt32BE(8) !== 13 || buf.toString('latin1', 12, 16) !== 'IHDR') return null;
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  return width > 0 && height > 0 ? { width, height } : null;
}

/** Start-of-frame markers carry the size: C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
const isStartOfFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function jpegSize(buf: Buffer): ImageSize | null {
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== 0xd8) return null;
  let i = 2;
  while (i < buf.length) {
    if (buf[i] !== 0xff) return null;
    // Any number of 0xFF fill bytes may precede a marker.
    while (i < buf.length && buf[i] === 0xff) i += 1;
    if (i >= buf.length) return null;
    const marker = buf[i]!;
    i += 1;
    // Markers without a length: restart markers, TEM.
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue;
    // End of image or start of scan before any frame header: no size to be had.
    if (marker === 0xd9 || marker === 0xda) return null;
    if (i + 2 > buf.length) return null;
    const length = buf.readUInt16BE(i);
    if (length < 2) return null;
    if (isStartOfFrame(marker)) {
      if (i + 7 > buf.length) return null;
      const height = buf.readUInt16BE(i + 3);
      const width = buf.readUInt16BE(i + 5);
      // Height 0 means "given later" (DNL): a rarity no scanner writes, and no size to check.
      return width > 0 && height > 0 ? { width, height } : null;
    }
    i += length;
  }
  return null;
}
