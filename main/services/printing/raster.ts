import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import type { PaperWidthMm, ReceiptLayout } from '../../../common/receipt/layout';
import { RECEIPT_FONT, registerReceiptFonts } from './fonts';

/**
 * The receipt drawn as a 1-bit image, for printers without a Vietnamese code page: the printer
 * only prints dots, so every diacritic comes out exactly as the font draws it.
 */
export interface Bitmap {
  width: number;
  height: number;
  /** 1 bit per dot, MSB leftmost, ceil(width/8) bytes per row; 1 = black. */
  rows: Uint8Array;
}

/** Printable dots of a standard 203 dpi head: 48 mm on 58 mm paper, 72 mm on 80 mm paper. */
export function dotsFor(paper: PaperWidthMm): number {
  return paper === 58 ? 384 : 576;
}

const FONT_PX = 22;
const LINE_PX = 30;
const MARGIN_PX = 4;
const QR_MODULE_PX = 6;
const QR_QUIET_MODULES = 4;

function qrModules(payload: string): { size: number; dark(r: number, c: number): boolean } {
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  return { size: qr.modules.size, dark: (r, c) => Boolean(qr.modules.get(r, c)) };
}

export function renderReceiptBitmap(layout: ReceiptLayout, paper: PaperWidthMm): Bitmap {
  registerReceiptFonts();
  const width = dotsFor(paper);
  const usable = width - 2 * MARGIN_PX;
  const qrs = layout.lines.filter((l) => l.kind === 'qr').map((l) => qrModules(l.payload));
  const qrHeight = (m: { size: number }) => (m.size + 2 * QR_QUIET_MODULES) * QR_MODULE_PX;
  const height =
    layout.lines.filter((l) => l.kind === 'text').length * LINE_PX + qrs.reduce((h, m) => h + qrHeight(m), 0) + LINE_PX;

  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  ctx.textBaseline = 'alphabetic';

  let y = 0;
  let qrIndex = 0;
  for (const line of layout.lines) {
    if (line.kind === 'qr') {
      const m = qrs[qrIndex++]!;
      const px = Math.min(QR_MODULE_PX, Math.floor(usable / (m.size + 2 * QR_QUIET_MODULES)));
      const left = Math.floor((width - m.size * px) / 2);
      const top = y + QR_QUIET_MODULES * px;
      for (let r = 0; r < m.size; r++) for (let c = 0; c < m.size; c++) if (m.dark(r, c)) ctx.fillRect(left + c * px, top + r * px, px, px);
      y += qrHeight(m);
      continue;
    }
    drawLine(ctx, line.text, line.bold, line.center, { y: y + FONT_PX, usable, columns: layout.columns });
    y += LINE_PX;
  }
  return { width, height, rows: threshold(ctx.getImageData(0, 0, width, height).data, width, height) };
}

/** One line, squeezed horizontally when the proportional font runs wider than the paper. */
function drawLine(ctx: SKRSContext2D, text: string, bold: boolean, center: boolean, at: { y: number; usable: number; columns: number }): void {
  const content = center ? text.trim() : text.replace(/\s+$/, '');
  if (content === '') return;
  ctx.font = `${bold ? 700 : 400} ${FONT_PX}px "${RECEIPT_FONT}"`;
  // Monospace layout: leading spaces of a left-aligned line (hanging indents) keep their width.
  const indent = center ? 0 : (text.length - text.trimStart().length) * (at.usable / at.columns);
  const body = content.trimStart();
  const measured = ctx.measureText(body).width;
  const room = at.usable - indent;
  const scale = measured > room ? room / measured : 1;
  const left = MARGIN_PX + (center ? Math.max(0, (at.usable - measured * scale) / 2) : indent);
  ctx.save();
  ctx.translate(left, at.y);
  ctx.scale(scale, 1);
  ctx.fillText(body, 0, 0);
  ctx.restore();
}

function threshold(rgba: Uint8ClampedArray, width: number, height: number): Uint8Array {
  const bytesPerRow = Math.ceil(width / 8);
  const rows = new Uint8Array(bytesPerRow * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const luminance = 0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!;
      if (luminance < 140) rows[y * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return rows;
}

/** The bitmap as a PNG (for the emulator's record, the README picture and the clerk's view). */
export function bitmapToPng(bitmap: Bitmap): Buffer {
  const canvas = createCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(bitmap.width, bitmap.height);
  const bytesPerRow = Math.ceil(bitmap.width / 8);
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      const black = (bitmap.rows[y * bytesPerRow + (x >> 3)]! & (0x80 >> (x & 7))) !== 0;
      const i = (y * bitmap.width + x) * 4;
      image.data[i] = image.data[i + 1] = image.data[i + 2] = black ? 0 : 255;
      image.data[i + 3] = 255;
    }
  }
  ctx.putImageData(image, 0, 0);
  return canvas.toBuffer('image/png');
}
