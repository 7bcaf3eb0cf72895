import { describe, expect, it } from 'vitest';
import { encodeCp1258 } from '../../main/services/printing/cp1258';
import { bold, concat, feedAndCut, initialize, lineFeed, qrCode, rasterImage, selectCodePage, statusRequest } from '../../main/services/printing/escpos';
import { interpretStatus, statusBytes } from '../../main/services/printing/printer-status';
import { EscPosDecoder, type PrinterEvent } from '../../tools/printer-emulator/decoder';

const job = concat([
  initialize(),
  selectCodePage(52),
  bold(true),
  encodeCp1258('GIẤY TIẾP NHẬN HỒ SƠ').bytes,
  lineFeed(),
  bold(false),
  encodeCp1258('Người nộp: Ê Ban Y Ngọc').bytes,
  lineFeed(),
  qrCode('https://dichvucong.daklak.gov.vn/tra-cuu?ma=H66-261128-000001'),
  rasterImage(Uint8Array.of(0xff, 0x00, 0x0f, 0xf0), 16, 2),
  statusRequest(2),
  feedAndCut(),
]);

function summary(events: PrinterEvent[]) {
  return events.map((e) => (e.kind === 'line' ? `line:${e.bold ? 'B:' : ''}${e.text}` : e.kind === 'qr' ? `qr:${e.payload}` : e.kind === 'codePage' ? `cp:${e.n}` : e.kind === 'status' ? `status:${e.n}` : e.kind));
}

describe('the emulator reads ESC/POS back', () => {
  it('decodes text from WPC1258 to NFC, and sees code pages, QR, raster, status queries and the cut', () => {
    const events = new EscPosDecoder({ wpc1258Slot: 52 }).feed(job);
    expect(summary(events)).toEqual([
      'init',
      'cp:52',
      'line:B:GIẤY TIẾP NHẬN HỒ SƠ',
      'line:Người nộp: Ê Ban Y Ngọc',
      'qr:https://dichvucong.daklak.gov.vn/tra-cuu?ma=H66-261128-000001',
      'raster',
      'status:2',
      'cut',
    ]);
    const raster = events.find((e) => e.kind === 'raster');
    expect(raster).toMatchObject({ image: { width: 16, height: 2 } });
  });

  it('gives the same events when the bytes arrive one at a time (commands split across TCP reads)', () => {
    const whole = summary(new EscPosDecoder({ wpc1258Slot: 52 }).feed(job));
    const decoder = new EscPosDecoder({ wpc1258Slot: 52 });
    const pieces: PrinterEvent[] = [];
    for (const b of job) pieces.push(...decoder.feed(Uint8Array.of(b)));
    expect(summary(pieces)).toEqual(whole);
  });

  it('text sent without selecting the Vietnamese code page shows as damaged, as it would on paper', () => {
    const events = new EscPosDecoder({ wpc1258Slot: 52 }).feed(concat([initialize(), encodeCp1258('Đắk').bytes, lineFeed()]));
    expect(summary(events)).toEqual(['init', 'line:\ufffd\ufffd\ufffdk']);
  });
});

describe('printer status bytes', () => {
  it('reads ready, paper out, cover open and no answer', () => {
    expect(interpretStatus(statusBytes({}))).toEqual({ ready: true, problems: [], paperLow: false });
    expect(interpretStatus(statusBytes({ paperOut: true })).problems).toEqual(['paper_out']);
    expect(interpretStatus(statusBytes({ coverOpen: true })).problems).toEqual(['cover_open']);
    expect(interpretStatus(statusBytes({ paperLow: true }))).toEqual({ ready: true, problems: [], paperLow: true });
    expect(interpretStatus({ printer: 0x16 })).toEqual({ ready: false, problems: ['offline'], paperLow: false });
  });
});
