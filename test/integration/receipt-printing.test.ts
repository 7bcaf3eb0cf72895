import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { layoutReceipt, receiptPlainText } from '../../common/receipt/layout';
import { silentLogger } from '../../main/log';
import { encodeCp1258 } from '../../main/services/printing/cp1258';
import { concat, initialize, lineFeed, selectCodePage } from '../../main/services/printing/escpos';
import { connectPrinter } from '../../main/services/printing/printer-link';
import { buildPrinting, type PrinterSetup } from '../../main/services/printing/printing-service';
import { bitmapToPng, dotsFor } from '../../main/services/printing/raster';
import { openDatabase, type Db } from '../../main/store/db';
import { testEncryption } from '../support/data-key';
import { startPrinterEmulator, type PrinterEmulator } from '../../tools/printer-emulator/emulator';
import type { RasterImage } from '../../tools/printer-emulator/decoder';
import { sampleReceipt, vietnameseLetters } from '../support/receipts';

let emulator: PrinterEmulator;
let dir: string;
let db: Db;

beforeEach(async () => {
  emulator = await startPrinterEmulator({ wpc1258Slot: 52 });
  dir = mkdtempSync(join(tmpdir(), 'kiosk-print-'));
  db = openDatabase(dir, { encryption: testEncryption });
});

afterEach(async () => {
  await emulator.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function setup(over: Partial<PrinterSetup> = {}): PrinterSetup {
  return {
    target: { type: 'network', host: '127.0.0.1', port: emulator.port },
    paperWidthMm: 80,
    encoding: 'wpc1258',
    codePage: 52,
    ...over,
  };
}

function printing(over: Partial<PrinterSetup> = {}, timeoutMs = 1500) {
  return buildPrinting({ db, now: Date.now, printer: setup(over), connect: connectPrinter, logger: silentLogger, timeoutMs });
}

/** What a phone camera would read: the payload drawn as a QR image, decoded by jsQR. */
function decodeQrImage(image: { width: number; height: number; data: Uint8ClampedArray }): string | null {
  return jsQR(image.data, image.width, image.height)?.data ?? null;
}

function rasterToRgba(img: RasterImage): { width: number; height: number; data: Uint8ClampedArray } {
  const data = new Uint8ClampedArray(img.width * img.height * 4);
  const bpr = img.width / 8;
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++) {
      const black = (img.rows[y * bpr + (x >> 3)]! & (0x80 >> (x & 7))) !== 0;
      const i = (y * img.width + x) * 4;
      data[i] = data[i + 1] = data[i + 2] = black ? 0 : 255;
      data[i + 3] = 255;
    }
  return { width: img.width, height: img.height, data };
}

async function waitForPrinted(n: number) {
  await expect.poll(() => emulator.printed().length, { timeout: 15_000, interval: 20, message: `${n} receipts at the printer` }).toBeGreaterThanOrEqual(n);
  return emulator.printed();
}

describe('printing receipts to an ESC/POS printer over TCP (the emulator)', () => {
  it('all 134 Vietnamese letters survive the WPC1258 path byte-exactly', async () => {
    const letters = vietnameseLetters();
    const link = await connectPrinter({ type: 'network', host: '127.0.0.1', port: emulator.port }, { timeoutMs: 1000 });
    expect(link).not.toBeNull();
    const lines = [letters.slice(0, 67).join(''), letters.slice(67).join(''), letters.join(' ')];
    await link!.send(concat([initialize(), selectCodePage(52), ...lines.flatMap((l) => [encodeCp1258(l).bytes, lineFeed()])]));
    await link!.status(1000); // answered after the text: the printer has read it all
    await link!.close();
    const [printed] = await waitForPrinted(1);
    expect(printed!.codePages).toEqual([52]);
    expect(printed!.lines).toEqual(lines);
    expect(printed!.lines[0]!.normalize('NFC')).toBe(letters.slice(0, 67).join(''));
  });

  it.each([58, 80] as const)('a WPC1258 receipt on %i mm paper prints exactly the on-screen lines, with the lookup QR', async (paper) => {
    const receipt = sampleReceipt({ applicantName: 'Nguyễn Thị Ánh Tuyết', procedureName: vietnameseLetters().join(' ') });
    const job = await printing({ paperWidthMm: paper }).printForCitizen(receipt);
    expect(job.state).toBe('printed');
    const [printed] = await waitForPrinted(1);
    const layout = layoutReceipt(receipt, paper);
    const expected = receiptPlainText(layout).filter((l) => !l.startsWith('[QR'));
    expect(printed!.lines).toEqual(expected);
    for (const line of printed!.lines) expect([...new Intl.Segmenter().segment(line)].length).toBeLessThanOrEqual(layout.columns);
    expect(printed!.cut).toBe(true);
    expect(printed!.unknown).toEqual([]);
    expect(printed!.qrPayloads).toEqual([receipt.lookupUrl]);
    // The payload, drawn as the printer's QR symbol, reads back as the lookup URL.
    const qr = QRCode.create(printed!.qrPayloads[0]!, { errorCorrectionLevel: 'M' });
    const scale = 4;
    const size = (qr.modules.size + 8) * scale;
    const data = new Uint8ClampedArray(size * size * 4).fill(255);
    for (let r = 0; r < qr.modules.size; r++)
      for (let c = 0; c < qr.modules.size; c++)
        if (qr.modules.get(r, c))
          for (let dy = 0; dy < scale; dy++)
            for (let dx = 0; dx < scale; dx++) {
              const i = (((r + 4) * scale + dy) * size + (c + 4) * scale + dx) * 4;
              data[i] = data[i + 1] = data[i + 2] = 0;
            }
    expect(decodeQrImage({ width: size, height: size, data })).toBe(receipt.lookupUrl);
  });

  it.each([58, 80] as const)('a raster receipt on %i mm paper is an image of the paper width whose QR reads as the lookup URL', async (paper) => {
    const receipt = sampleReceipt({ dossierCode: null, expectedResultAt: null, lookupUrl: 'https://dichvucong.daklak.gov.vn/tra-cuu?ma=DL-KIOSK-DEMO-01-261128-0001' });
    const job = await printing({ paperWidthMm: paper, encoding: 'raster' }).printForCitizen(receipt);
    expect(job.state).toBe('printed');
    const [printed] = await waitForPrinted(1);
    expect(printed!.lines.every((l) => l === '')).toBe(true);
    const image = printed!.image!;
    expect(image.width).toBe(dotsFor(paper));
    expect(image.height).toBeGreaterThan(600);
    expect(decodeQrImage(rasterToRgba(image))).toBe(receipt.lookupUrl);
    if (paper === 80) {
      mkdirSync('docs', { recursive: true });
      writeFileSync('docs/receipt-raster.png', bitmapToPng(image));
    }
  });
});

describe('when the printer cannot print', () => {
  it('paper out: nothing is sent, the job is failed and retryable, and a clerk can reprint', async () => {
    const service = printing();
    emulator.setCondition({ paperOut: true });
    const failed = await service.printForCitizen(sampleReceipt());
    expect(failed).toMatchObject({ state: 'failed', lastError: 'paper_out', attempts: 1 });
    expect(emulator.printed()).toEqual([]);

    // The citizen presses print again while the paper is still out: same job, second attempt.
    expect(await service.printForCitizen(sampleReceipt())).toMatchObject({ id: failed.id, state: 'failed', attempts: 2 });

    emulator.setCondition({ paperOut: false });
    const retried = await service.retry(failed.id);
    expect(retried).toMatchObject({ id: failed.id, state: 'printed', attempts: 3, lastError: null });
    expect(await waitForPrinted(1)).toHaveLength(1);

    // Printed once: asking again does not print a second copy for the citizen.
    expect(await service.printForCitizen(sampleReceipt())).toMatchObject({ id: failed.id, state: 'printed' });
    const copy = await service.reprint(failed.id, null);
    expect(copy).toMatchObject({ state: 'printed', requestedBy: 'clerk', reprintOf: failed.id });
    expect(await waitForPrinted(2)).toHaveLength(2);
  });

  it('cover open is reported as such', async () => {
    emulator.setCondition({ coverOpen: true });
    expect(await printing().printForCitizen(sampleReceipt())).toMatchObject({ state: 'failed', lastError: 'cover_open' });
  });

  it('printer offline (connection refused), then back: the retry prints', async () => {
    const service = printing();
    await emulator.goOffline();
    const job = await service.printForCitizen(sampleReceipt());
    expect(job).toMatchObject({ state: 'failed', lastError: 'offline' });
    await emulator.goOnline();
    expect(await service.retry(job.id)).toMatchObject({ state: 'printed', attempts: 2 });
  });

  it('a printer that never answers its status query counts as offline after the timeout', async () => {
    emulator.setSilent(true);
    const started = Date.now();
    expect(await printing({}, 300).printForCitizen(sampleReceipt())).toMatchObject({ state: 'failed', lastError: 'offline' });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('the job and its receipt survive a restart; a job cut off mid-print is marked interrupted', async () => {
    const first = printing();
    emulator.setCondition({ paperOut: true });
    const job = await first.printForCitizen(sampleReceipt());
    db.prepare("UPDATE print_jobs SET state = 'printing' WHERE id = ?").run(job.id);
    db.close();
    db = openDatabase(dir, { encryption: testEncryption });
    const again = printing();
    expect(again.get(job.id)).toMatchObject({ state: 'failed', lastError: 'interrupted', receipt: sampleReceipt() });
    const row = db.prepare('SELECT receipt FROM print_jobs WHERE id = ?').get(job.id) as { receipt: string };
    expect(row.receipt).not.toMatch(/\d{9,}/); // no full ID number in the snapshot
  });

  it('with no printer configured the job says so (the screen offers the system printer)', async () => {
    const service = buildPrinting({ db, now: Date.now, printer: null, connect: connectPrinter, logger: silentLogger });
    expect(await service.printForCitizen(sampleReceipt())).toMatchObject({ state: 'failed', lastError: 'not_configured' });
  });
});
