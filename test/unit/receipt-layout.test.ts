import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLookupUrl, formatVietnamTime, maskCitizenId, readLookupReference } from '../../common/receipt/format';
import { columnsFor, layoutReceipt, procedureTitle, receiptPlainText } from '../../common/receipt/layout';
import { ReceiptData } from '../../common/receipt/receipt';
import { columnsOf, graphemes, keep, wrapText } from '../../common/receipt/wrap';
import { sampleReceipt, vietnameseLetters } from '../support/receipts';

const letters = vietnameseLetters();
const word = fc
  .array(fc.constantFrom(...letters, ...'abcdeghiklmnopqrstuvxy'), { minLength: 1, maxLength: 40 })
  .map((cs) => cs.join(''));
/** Vietnamese text, sometimes typed decomposed (as some keyboards send it). */
const text = fc
  .tuple(fc.array(word, { maxLength: 30 }), fc.boolean())
  .map(([ws, nfd]) => (nfd ? ws.join(' ').normalize('NFD') : ws.join(' ')));

describe('receipt line wrapping', () => {
  it.each([32, 48])('never exceeds %i columns, keeps every word whole when it fits, and loses nothing', (width) => {
    fc.assert(
      fc.property(text, (t) => {
        const lines = wrapText(t, width);
        for (const line of lines) expect(columnsOf(line)).toBeLessThanOrEqual(width);
        const words = t.normalize('NFC').split(/\s+/).filter(Boolean);
        // Words that fit on a line are never split: each appears whole on one line.
        for (const w of words.filter((x) => columnsOf(x) <= width)) {
          expect(lines.some((l) => l.split(' ').includes(w))).toBe(true);
        }
        expect(lines.join('').replace(/ /g, '')).toBe(words.join(''));
      }),
      { numRuns: 200 },
    );
  });

  it('breaks a word longer than the line between letters, never between a letter and its marks', () => {
    const long = 'Nguyễn'.normalize('NFD').repeat(8);
    const lines = wrapText(long, 10);
    for (const line of lines) {
      expect(columnsOf(line)).toBeLessThanOrEqual(10);
      // A line never starts with a combining mark.
      expect(/^\p{M}/u.test(line)).toBe(false);
    }
    expect(lines.join('')).toBe(long.normalize('NFC'));
  });

  it('counts a decomposed letter as one column', () => {
    expect(columnsOf('ế'.normalize('NFD'))).toBe(1);
    expect(graphemes('Đắk Lắk'.normalize('NFD'))).toHaveLength(7);
  });

  it('indents continuation lines of a label and value', () => {
    expect(wrapText('Cơ quan tiếp nhận: UBND phường Buôn Ma Thuột', 32, 2)).toEqual([
      'Cơ quan tiếp nhận: UBND phường',
      '  Buôn Ma Thuột',
    ]);
  });
});

const receiptArb = fc.record({
  agencyName: word.map((w) => `UBND xã ${w}`),
  procedureName: text.filter((t) => t.trim().length > 0),
  applicantName: text.filter((t) => t.trim().length > 0).map((t) => t.slice(0, 200)),
  dossierCode: fc.option(fc.constantFrom('H66-261128-000001', 'H66-261128-123456'), { nil: null }),
});

describe('receipt layout', () => {
  it.each([58, 80] as const)('holds every line within the %i mm paper width', (paper) => {
    fc.assert(
      fc.property(receiptArb, (over) => {
        const layout = layoutReceipt(sampleReceipt(over), paper);
        expect(layout.columns).toBe(columnsFor(paper));
        for (const line of layout.lines) if (line.kind === 'text') expect(columnsOf(line.text)).toBeLessThanOrEqual(layout.columns);
      }),
      { numRuns: 100 },
    );
  });

  it('shows the dossier code and the QR code for its lookup URL', () => {
    const layout = layoutReceipt(sampleReceipt(), 80);
    const lines = receiptPlainText(layout);
    expect(lines).toContain('Mã hồ sơ: H66-261128-000001');
    expect(lines.some((l) => l.includes('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ'))).toBe(true);
    expect(layout.lines.filter((l) => l.kind === 'qr')).toEqual([
      { kind: 'qr', payload: 'https://dichvucong.daklak.gov.vn/tra-cuu?ma=H66-261128-000001' },
    ]);
    expect(lines).toContain('Thời gian tiếp nhận: 14:05 ngày 28/11/2026');
    expect(lines).toContain('Số CCCD/CMND: ********1234');
  });

  it('a queued dossier shows its local reference, "ĐANG CHỜ GỬI" and that the code comes later', () => {
    const lines = receiptPlainText(layoutReceipt(sampleReceipt({ dossierCode: null }), 80)).map((l) => l.trim());
    expect(lines).toContain('Mã tạm: DL-KIOSK-DEMO-01-261128-0001');
    expect(lines).toContain('*** ĐANG CHỜ GỬI ***');
    expect(lines.join(' ')).toContain('Mã hồ sơ sẽ được cấp khi hồ sơ được gửi');
    expect(lines.join(' ')).not.toContain('Mã hồ sơ:');
  });

  it('a clerk’s reprint says "BẢN SAO" first and last, in bold, and nothing else changes', () => {
    for (const paper of [58, 80] as const) {
      const original = layoutReceipt(sampleReceipt(), paper);
      const copy = layoutReceipt(sampleReceipt(), paper, { copy: true });
      const mark = { kind: 'text', text: expect.stringMatching(/^\s*\*\*\* BẢN SAO \*\*\*\s*$/), bold: true, center: true };
      expect(copy.lines[0]).toEqual(mark);
      expect(copy.lines.at(-1)).toEqual(mark);
      expect(copy.lines.slice(1, -1)).toEqual(original.lines);
      expect(receiptPlainText(original).join('\n')).not.toContain('BẢN SAO');
    }
  });

  it('says "theo thời hạn của thủ tục" when there is no fixed result date', () => {
    const lines = receiptPlainText(layoutReceipt(sampleReceipt({ expectedResultAt: null }), 80));
    expect(lines).toContain('Hẹn trả kết quả: theo thời hạn của thủ tục');
  });

  it('the receipt snapshot refuses a full ID number', () => {
    expect(ReceiptData.safeParse(sampleReceipt({ maskedCitizenId: '066123451234' })).success).toBe(false);
  });
});

describe('receipt wording and line breaks', () => {
  const sampleNames = (JSON.parse(readFileSync(resolve(import.meta.dirname, '../../simulator/seed/procedures.sample.json'), 'utf8')) as { procedures: Array<{ name: string }> }).procedures.map((p) => p.name);

  it.each([58, 80] as const)('never says "Thủ tục: Thủ tục", for any procedure of the sample catalog (%i mm)', (paper) => {
    for (const name of sampleNames) {
      const text = receiptPlainText(layoutReceipt(sampleReceipt({ procedureName: name }), paper)).join(' ');
      expect(text, name).not.toMatch(/Thủ tục:\s+Thủ tục/i);
      expect(text.replace(/\s+/g, ' '), name).toContain(procedureTitle(name).split(' ').slice(0, 3).join(' '));
    }
    expect(procedureTitle('Thủ tục đăng ký khai sinh')).toBe('Đăng ký khai sinh');
    expect(procedureTitle('Đăng ký thường trú')).toBe('Đăng ký thường trú');
  });

  it.each([58, 80] as const)('a value that fits a line is never broken: the date and time, the delivery method, the agency (%i mm)', (paper) => {
    for (const deliveryMethod of ['at_agency', 'postal', 'online'] as const) {
      const lines = receiptPlainText(layoutReceipt(sampleReceipt({ deliveryMethod, agencyName: 'UBND phường Buôn Ma Thuột' }), paper)).map((l) => l.trim());
      expect(lines).toContain('14:05 ngày 28/11/2026'.length + 'Thời gian tiếp nhận: '.length <= columnsFor(paper) ? 'Thời gian tiếp nhận: 14:05 ngày 28/11/2026' : '14:05 ngày 28/11/2026');
      expect(lines.some((l) => l.endsWith('UBND phường Buôn Ma Thuột'))).toBe(true);
      const method = { at_agency: 'Nhận trực tiếp tại cơ quan', postal: 'Qua dịch vụ bưu chính công ích', online: 'Nhận trực tuyến' }[deliveryMethod];
      expect(lines.some((l) => l.endsWith(method)), method).toBe(true);
    }
  });

  it('keeps the fixed phrases whole on a 32-column strip: "hẹn trả kết quả", "tra cứu", "nhận kết quả"', () => {
    const lines = receiptPlainText(layoutReceipt(sampleReceipt({ dossierCode: null, expectedResultAt: null }), 58)).map((l) => l.trim());
    expect(lines).toEqual(expect.arrayContaining(['GIẤY TIẾP NHẬN HỒ SƠ', 'VÀ HẸN TRẢ KẾT QUẢ', 'Quét mã QR để tra cứu', 'tình trạng hồ sơ', 'Xin giữ phiếu này', 'để nhận kết quả.', 'theo thời hạn của thủ tục']));
    for (const l of lines) expect(l).not.toContain('\u00a0');
  });

  it('a kept phrase is broken only when it is wider than a whole line', () => {
    expect(wrapText(`Hẹn ${keep('14:05 ngày 28/11/2026')}`, 16)).toEqual(['Hẹn 14:05 ngày', '28/11/2026']);
    expect(wrapText(`Hẹn ${keep('14:05 ngày 28/11/2026')}`, 24)).toEqual(['Hẹn', '14:05 ngày 28/11/2026']);
  });
});

describe('receipt formatting', () => {
  it('masks an ID number to its last four digits', () => {
    expect(maskCitizenId('066123451234')).toBe('********1234');
    expect(maskCitizenId('241234567')).toBe('*****4567');
  });

  it('states times in Vietnam time whatever the machine zone', () => {
    expect(formatVietnamTime('2026-11-28T17:30:00Z')).toBe('00:30 ngày 29/11/2026');
  });

  it('reads the reference back from a lookup URL or a typed code', () => {
    const url = buildLookupUrl('https://dichvucong.daklak.gov.vn/tra-cuu', 'H66-261128-000001');
    expect(url).toBe('https://dichvucong.daklak.gov.vn/tra-cuu?ma=H66-261128-000001');
    expect(readLookupReference(url)).toBe('H66-261128-000001');
    expect(readLookupReference(' h66-261128-000001 ')).toBe('H66-261128-000001');
    expect(readLookupReference('https://example.com/?x=1')).toBeNull();
    expect(readLookupReference('mã hồ sơ')).toBeNull();
  });
});
