import type { PaperWidthMm, ReceiptLayout } from '../../../common/receipt/layout';
import { assertNever } from '../../../common/result';
import { encodeCp1258 } from './cp1258';
import { align, bold, concat, feedAndCut, initialize, lineFeed, qrCode, rasterBands, selectCodePage } from './escpos';
import { renderReceiptBitmap } from './raster';

export type ReceiptEncoding = 'wpc1258' | 'raster';

/**
 * The bytes of one receipt, ready for the printer. WPC1258 mode sends text in the printer's
 * Vietnamese code page and lets the printer draw the QR code; raster mode sends one image.
 */
export function receiptBytes(
  layout: ReceiptLayout,
  opts: { encoding: ReceiptEncoding; paper: PaperWidthMm; codePage: number },
): Uint8Array {
  switch (opts.encoding) {
    case 'wpc1258':
      return textReceipt(layout, opts.codePage);
    case 'raster': {
      const bitmap = renderReceiptBitmap(layout, opts.paper);
      return concat([initialize(), align('left'), rasterBands(bitmap.rows, bitmap.width, bitmap.height), feedAndCut()]);
    }
    default:
      return assertNever(opts.encoding);
  }
}

function textReceipt(layout: ReceiptLayout, codePage: number): Uint8Array {
  const parts: Uint8Array[] = [initialize(), selectCodePage(codePage), align('left')];
  for (const line of layout.lines) {
    if (line.kind === 'qr') {
      parts.push(align('center'), qrCode(line.payload), align('left'));
      continue;
    }
    if (line.bold) parts.push(bold(true));
    parts.push(encodeCp1258(line.text).bytes, lineFeed());
    if (line.bold) parts.push(bold(false));
  }
  parts.push(feedAndCut());
  return concat(parts);
}
