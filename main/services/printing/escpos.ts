/**
 * ESC/POS commands as pure functions returning bytes (QR, raster and status included, without
 * image libraries or a status query that waits forever). Layout lives elsewhere; I/O lives in
 * printer-link.ts, which only carries these bytes. Tests compare bytes.
 */
const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;

export const initialize = (): Uint8Array => Uint8Array.of(ESC, 0x40);

/**
 * ESC t n: select the character code table. Which n holds WPC1258 depends on the printer model
 * (52 on Epson's table; many clones use another slot), hence `printer.codePage` in config.
 */
export function selectCodePage(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 255) throw new RangeError('code page must be 0–255');
  return Uint8Array.of(ESC, 0x74, n);
}

export const bold = (on: boolean): Uint8Array => Uint8Array.of(ESC, 0x45, on ? 1 : 0);

export type Align = 'left' | 'center' | 'right';
export const align = (a: Align): Uint8Array => Uint8Array.of(ESC, 0x61, a === 'left' ? 0 : a === 'center' ? 1 : 2);

export const lineFeed = (): Uint8Array => Uint8Array.of(0x0a);

/** ESC d n: print and feed n lines. */
export const feedLines = (n: number): Uint8Array => Uint8Array.of(ESC, 0x64, Math.max(0, Math.min(255, n)));

/** GS V 66 n: feed n dots past the cutter and cut (partial cut where the model cannot do full). */
export const feedAndCut = (n = 48): Uint8Array => Uint8Array.of(GS, 0x56, 66, Math.max(0, Math.min(255, n)));

/**
 * QR code through the printer's own encoder (GS ( k, function 165/167/169/180/181): model 2,
 * module size in dots, error correction M, then store the data and print it. The payload is
 * ASCII (a URL), so no code page applies to it.
 */
export function qrCode(payload: string, opts: { moduleSize?: number } = {}): Uint8Array {
  const data = new TextEncoder().encode(payload);
  if (data.length === 0 || data.length > 7089) throw new RangeError('QR payload must be 1–7089 bytes');
  const size = Math.max(1, Math.min(16, opts.moduleSize ?? 6));
  const store = data.length + 3;
  return concat([
    Uint8Array.of(GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0x00), // fn 165: model 2
    Uint8Array.of(GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, size), // fn 167: module size
    Uint8Array.of(GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31), // fn 169: error correction M (15 %)
    Uint8Array.of(GS, 0x28, 0x6b, store & 0xff, store >> 8, 0x31, 0x50, 0x30), // fn 180: store
    data,
    Uint8Array.of(GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30), // fn 181: print
  ]);
}

/**
 * GS v 0: a raster bit image, 1 bit per dot, most significant bit leftmost, rows top to bottom.
 * `rows` holds ceil(width/8) bytes per row. Printers buffer a limited height per command, so
 * callers send tall images in bands (see rasterBands).
 */
export function rasterImage(rows: Uint8Array, widthDots: number, heightDots: number): Uint8Array {
  const bytesPerRow = Math.ceil(widthDots / 8);
  if (rows.length !== bytesPerRow * heightDots) throw new RangeError('raster data does not match its size');
  if (bytesPerRow > 0xffff || heightDots > 0xffff) throw new RangeError('raster image too large');
  return concat([
    Uint8Array.of(GS, 0x76, 0x30, 0, bytesPerRow & 0xff, bytesPerRow >> 8, heightDots & 0xff, heightDots >> 8),
    rows,
  ]);
}

/** Splits a tall bitmap into GS v 0 bands of at most `bandHeight` rows (many printers cap at 255 or so). */
export function rasterBands(rows: Uint8Array, widthDots: number, heightDots: number, bandHeight = 240): Uint8Array {
  const bytesPerRow = Math.ceil(widthDots / 8);
  const parts: Uint8Array[] = [];
  for (let top = 0; top < heightDots; top += bandHeight) {
    const h = Math.min(bandHeight, heightDots - top);
    parts.push(rasterImage(rows.subarray(top * bytesPerRow, (top + h) * bytesPerRow), widthDots, h));
  }
  return concat(parts);
}

/** DLE EOT n, real-time status: 1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor. */
export type StatusKind = 1 | 2 | 3 | 4;
export const statusRequest = (n: StatusKind): Uint8Array => Uint8Array.of(DLE, 0x04, n);

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
