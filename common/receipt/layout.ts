import { formatVietnamDay, formatVietnamTime } from './format';
import { deliveryMethodText, receiptText as t } from './labels';
import type { ReceiptData } from './receipt';
import { center, columnsOf, plainSpaces, wrapText } from './wrap';

/**
 * The receipt as lines, exactly as the printer and the screen show it. Pure: the printer's byte
 * encoder, the raster renderer and the on-screen preview all draw this same output, so what the
 * citizen sees is what is on the paper.
 */
export type PaperWidthMm = 58 | 80;

export type ReceiptLine =
  /** `text` is already padded for a monospace line; `center` lets a proportional renderer centre it itself. */
  | { kind: 'text'; text: string; bold: boolean; center: boolean }
  | { kind: 'qr'; payload: string };

export interface ReceiptLayout {
  columns: number;
  lines: ReceiptLine[];
}

/** Font A columns of a standard ESC/POS head: 384 dots / 12 = 32, 576 dots / 12 = 48. */
export function columnsFor(paper: PaperWidthMm): number {
  return paper === 58 ? 32 : 48;
}

/** `copy`: a clerk's reprint, marked "BẢN SAO" so it cannot pass for a second original. */
export function layoutReceipt(r: ReceiptData, paper: PaperWidthMm, opts: { copy?: boolean } = {}): ReceiptLayout {
  const columns = columnsFor(paper);
  const lines: ReceiptLine[] = [];
  const text = (s: string, bold = false, centre = false) => lines.push({ kind: 'text', text: plainSpaces(s), bold, center: centre });
  const centred = (s: string, bold = false) => wrapText(s, columns).forEach((l) => text(center(l, columns), bold, true));
  // "Label: value" on one line when it fits. A value that fits a line of its own is never broken:
  // the label gets its line and the value the next ("Qua dịch vụ bưu chính công ích", a date).
  // A longer value (a procedure's name) runs on under its label with a hanging indent.
  const field = (label: string, value: string, bold = false) => {
    const one = `${label} ${value}`;
    if (columnsOf(one) <= columns) return text(one, bold);
    if (columnsOf(value) <= columns - 2) {
      wrapText(label, columns).forEach((l) => text(l, bold));
      return text(`  ${value}`, bold);
    }
    wrapText(one, columns, 2).forEach((l) => text(l, bold));
  };
  const rule = () => text('-'.repeat(columns));

  if (opts.copy) centred(t.copy, true);
  if (r.sample) centred(t.sample, true);
  centred(r.provinceName.toLocaleUpperCase('vi'));
  centred(r.agencyName.toLocaleUpperCase('vi'), true);
  centred(t.office);
  rule();
  centred(t.title, true);
  text('');
  if (r.dossierCode !== null) {
    field(t.dossierCode, r.dossierCode, true);
  } else {
    field(t.localRef, r.localRef, true);
    centred(t.queued, true);
    wrapText(t.queuedNote, columns).forEach((l) => text(l));
  }
  text('');
  field(t.procedure, procedureTitle(r.procedureName));
  field(t.procedureCode, r.procedureCode);
  field(t.agency, r.agencyName);
  field(t.applicant, r.applicantName);
  field(t.citizenId, r.maskedCitizenId);
  field(t.receivedAt, formatVietnamTime(r.receivedAt));
  field(t.expectedResultAt, r.expectedResultAt ? formatVietnamDay(r.expectedResultAt) : t.expectedUnknown, true);
  field(t.deliveryMethod, deliveryMethodText[r.deliveryMethod]);
  field(t.kiosk, r.kioskId);
  rule();
  lines.push({ kind: 'qr', payload: r.lookupUrl });
  centred(t.scan);
  centred(new URL(r.lookupUrl).host);
  rule();
  centred(t.keep);
  centred(r.hotline ? `${t.hotline} ${r.hotline}` : t.askClerk);
  if (r.sample) centred(t.sample, true);
  if (opts.copy) centred(t.copy, true);
  return { columns, lines };
}

/**
 * A procedure's name under the label "Thủ tục:": most names begin with "Thủ tục", which would
 * say it twice ("Thủ tục: Thủ tục đăng ký khai sinh"). "Đăng ký khai sinh" is what is meant.
 */
export function procedureTitle(name: string): string {
  const rest = /^\s*thủ tục\s+(\S[\s\S]*)$/iu.exec(name.normalize('NFC'))?.[1];
  return rest ? rest.charAt(0).toLocaleUpperCase('vi') + rest.slice(1) : name;
}

/** The receipt as plain text, one line per row, QR codes as a placeholder: for logs of tests and the clerk view. */
export function receiptPlainText(layout: ReceiptLayout): string[] {
  return layout.lines.map((l) => (l.kind === 'text' ? l.text : `[QR ${l.payload}]`));
}
