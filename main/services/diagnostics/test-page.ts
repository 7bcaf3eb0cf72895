import { columnsFor, type PaperWidthMm, type ReceiptLayout, type ReceiptLine } from '../../../common/receipt/layout';
import { formatVietnamTime } from '../../../common/receipt/format';
import { center, wrapText } from '../../../common/receipt/wrap';

/** Every Vietnamese vowel with every tone, both cases: a code page that drops one shows a "?" here. */
const VOWELS = 'aăâeêioôơuưy';
const TONES = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];
export const ALL_VIETNAMESE_LETTERS = [...VOWELS]
  .map((v) => TONES.map((t) => `${v}${t}`.normalize('NFC')).join(''))
  .join(' ');

/**
 * IT's test page: what a receipt needs to come out right — bold, centred text, every Vietnamese
 * letter in the printer's code page, a QR code — and which kiosk printed it when. No citizen data.
 */
export function testPageLayout(opts: { kioskId: string; paperWidthMm: PaperWidthMm; at: Date }): ReceiptLayout {
  const columns = columnsFor(opts.paperWidthMm);
  const lines: ReceiptLine[] = [];
  const text = (s: string, bold = false, centre = false) => lines.push({ kind: 'text', text: s, bold, center: centre });
  const centred = (s: string, bold = false) => wrapText(s, columns).forEach((l) => text(center(l, columns), bold, true));
  centred('TRANG IN THỬ', true);
  centred('Kiosk Dịch vụ công');
  text('-'.repeat(columns));
  wrapText(`Kiosk: ${opts.kioskId}`, columns).forEach((l) => text(l));
  wrapText(`Lúc: ${formatVietnamTime(opts.at.toISOString())}`, columns).forEach((l) => text(l));
  text('');
  wrapText(ALL_VIETNAMESE_LETTERS, columns).forEach((l) => text(l));
  wrapText(ALL_VIETNAMESE_LETTERS.toLocaleUpperCase('vi'), columns).forEach((l) => text(l));
  wrapText('Đắk Lắk — Buôn Ma Thuột — H\'Hen Niê', columns).forEach((l) => text(l));
  text('');
  lines.push({ kind: 'qr', payload: `KIOSK-TEST:${opts.kioskId}` });
  text('');
  centred('Chữ có dấu in đúng và mã QR đọc được: máy in đã sẵn sàng.');
  return { columns, lines };
}
