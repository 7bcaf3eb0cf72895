import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReceiptsApi } from '../../main/api/receipts-api';
import { silentLogger } from '../../main/log';
import { buildCatalog } from '../../main/services/catalog/catalog';
import { buildOutbox, type Outbox } from '../../main/services/outbox/outbox';
import { connectPrinter } from '../../main/services/printing/printer-link';
import { buildPrinting } from '../../main/services/printing/printing-service';
import { buildReceiptSource } from '../../main/services/receipts/receipt-source';
import { buildReceipts } from '../../main/services/receipts/receipts';
import { buildProvincialClient } from '../../main/services/provincial-api/client';
import { buildDeviceClient } from '../../main/services/provincial-api/device-client';
import { buildSyncEngine } from '../../main/services/sync/engine';
import { openDatabase, type Db } from '../../main/store/db';
import { testDataKeys, testEncryption } from '../support/data-key';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { startPrinterEmulator, type PrinterEmulator } from '../../tools/printer-emulator/emulator';
import { demoPrinter } from '../../demo/printer';
import { makeAttachments, samplePayload, tempDir } from './outbox/fixtures';
import { demoRequestCore } from '../../demo/demo-device';

/**
 * Receipts and "Tra cứu hồ sơ" over the real pieces: an outbox in a temp SQLite file, the real
 * simulator over HTTP (intake, then the public status lookup), and the printer emulator over TCP.
 */
let sim: RunningSimulator;
let tmp: ReturnType<typeof tempDir>;
let db: Db;
let outbox: Outbox;
let printer: PrinterEmulator;
let citizen: string | null;
let api: ReturnType<typeof buildReceiptsApi>;
/** Whether a clerk has unlocked at the counter (the staff gate has its own tests: staff.test.ts). */
let clerkUnlocked = false;
const clock = { now: Date.now };

beforeEach(async () => {
  sim = await startSimulator({ port: 0 });
  printer = await startPrinterEmulator();
  tmp = tempDir('kiosk-receipt-');
  db = openDatabase(join(tmp.dir, 'data'), { encryption: testEncryption });
  outbox = await buildOutbox({ db, dataDir: join(tmp.dir, 'data'), clock, kioskId: 'KIOSK-T1', dataKeys: testDataKeys });
  const client = buildProvincialClient(demoRequestCore(sim.url, { timeoutMs: 5000, logger: silentLogger }));
  const catalog = buildCatalog({ db, client, now: () => new Date(), logger: silentLogger });
  clerkUnlocked = false;
  citizen = '066185000123';
  api = buildReceiptsApi({
    printing: buildPrinting({
      db,
      now: Date.now,
      printer: { target: { type: 'network', host: '127.0.0.1', port: printer.port }, paperWidthMm: 58, encoding: 'wpc1258', codePage: 52 },
      connect: connectPrinter,
      logger: silentLogger,
    }),
    receipts: buildReceipts({
      source: buildReceiptSource({
        outbox,
        catalog,
        settings: { kioskId: 'KIOSK-T1', provinceName: 'UBND tỉnh Đắk Lắk', lookupBaseUrl: 'https://dvc.example.vn/tra-cuu', hotline: '0262 000 0000', sample: true },
      }),
      outbox,
      client,
      staffUnlocked: () => clerkUnlocked,
      citizenId: () => citizen,
    }),
    demoPrinter: demoPrinter(printer),
  });
});
afterEach(async () => {
  db.close();
  await printer.close();
  await sim.close();
  tmp.cleanup();
});

async function enqueue(): Promise<string> {
  const r = await outbox.enqueue({ kind: 'dossier', payload: samplePayload(), attachments: makeAttachments(tmp.dir, [2000]) });
  if (!r.ok) throw new Error(r.error.code);
  return r.value.localRef;
}

async function deliverAll(): Promise<void> {
  const engine = buildSyncEngine({
    outbox,
    api: buildDeviceClient(demoRequestCore(sim.url, { timeoutMs: 5000, logger: silentLogger })),
    clock,
    logger: silentLogger,
    healthIntervalMs: 200,
  });
  engine.start();
  await expect
    .poll(() => outbox.counts().queued + outbox.counts().sending, { timeout: 15_000, interval: 20, message: 'the outbox drains' })
    .toBe(0);
  await engine.stop();
}

describe('a queued dossier', () => {
  it('has a receipt with its local reference, "ĐANG CHỜ GỬI" and a QR for that reference, for its citizen only', async () => {
    const localRef = await enqueue();
    const preview = await api['receipts.preview']({ localRef });
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    const text = preview.value.layout.lines.flatMap((l) => (l.kind === 'text' ? [l.text.trim()] : []));
    expect(preview.value.layout.columns).toBe(32);
    expect(text).toContain('*** ĐANG CHỜ GỬI ***');
    expect(text.join(' ')).toContain(localRef);
    expect(text).toContain('Đường dây nóng: 0262 000 0000');
    expect(preview.value.layout.lines.find((l) => l.kind === 'qr')).toEqual({ kind: 'qr', payload: `https://dvc.example.vn/tra-cuu?ma=${localRef}` });
    expect(preview.value.receipt).toMatchObject({ maskedCitizenId: '********0123', procedureName: expect.stringMatching(/khai sinh/i), expectedResultAt: null });

    citizen = '079200001234';
    expect(await api['receipts.preview']({ localRef })).toEqual({ ok: false, error: { code: 'not_found' } });
    expect(await api['receipts.print']({ localRef })).toEqual({ ok: false, error: { code: 'not_found' } });
    clerkUnlocked = true;
    expect((await api['receipts.preview']({ localRef })).ok).toBe(true);
  });

  it('looked up by its reference, shows its outbox state', async () => {
    const localRef = await enqueue();
    expect(await api['lookup.status']({ reference: localRef })).toEqual({
      ok: true,
      value: { kind: 'local', localRef, outboxState: 'queued', dossierCode: null },
    });
  });
});

describe('a sent dossier', () => {
  it('is looked up at the API by code, by its QR URL or by its local reference, in the stage the agency moved it to', async () => {
    const localRef = await enqueue();
    await deliverAll();
    const code = outbox.get(localRef)!.remoteCode!;
    expect(code).toMatch(/^H66-/);

    const byCode = await api['lookup.status']({ reference: code.toLowerCase() });
    expect(byCode).toMatchObject({ ok: true, value: { kind: 'remote', dossierCode: code, status: 'received', procedureCode: '1.001193' } });
    const moved = await fetch(`${sim.url}/__sim/dossiers/${code}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'needs_more_documents' }),
    });
    expect(moved.status).toBe(200);
    expect(await api['lookup.status']({ reference: `https://dvc.example.vn/tra-cuu?ma=${code}` })).toMatchObject({
      ok: true,
      value: { kind: 'remote', status: 'needs_more_documents' },
    });
    expect(await api['lookup.status']({ reference: localRef })).toMatchObject({ ok: true, value: { kind: 'remote', dossierCode: code } });
  });

  it('an unknown code is "not found", and text that is no code is refused before any request', async () => {
    expect(await api['lookup.status']({ reference: 'H66-000000-999999' })).toEqual({ ok: false, error: { code: 'dossier_not_found' } });
    expect(await api['lookup.status']({ reference: 'mã của tôi' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: ['reference'], message: 'lookup.format' }] },
    });
    const bad = await fetch(`${sim.url}/__sim/dossiers/H66-000000-999999/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'processing' }),
    });
    expect(bad.status).toBe(404);
  });

  it('a receipt printed while queued is reprinted by a clerk with the dossier code it has now', async () => {
    const localRef = await enqueue();
    const first = await api['receipts.print']({ localRef });
    expect(first).toMatchObject({ ok: true, value: { state: 'printed', dossierCode: null } });
    await deliverAll();
    const code = outbox.get(localRef)!.remoteCode!;

    const jobId = first.ok ? first.value.jobId : 0;
    // Without an unlocked clerk the dispatcher refuses these (test/integration/api-guards.test.ts).
    clerkUnlocked = true;
    const copy = await api['clerk.receipts.reprint']({ jobId });
    expect(copy).toMatchObject({ ok: true, value: { state: 'printed', dossierCode: code, reprintOf: jobId, requestedBy: 'clerk' } });
    const list = await api['clerk.receipts.list']({});
    expect(list.ok && list.value.jobs.map((j) => j.jobId)).toHaveLength(2);

    const papers = printer.printed();
    expect(papers).toHaveLength(2);
    expect(papers[0]!.lines.map((l) => l.trim())).toContain('*** ĐANG CHỜ GỬI ***');
    expect(papers[0]!.lines.map((l) => l.trim())).not.toContain('*** BẢN SAO ***');
    expect(papers[1]!.lines).toContain(`Mã hồ sơ: ${code}`);
    // The copy says so on paper, first and last line, decoded from the WPC1258 bytes.
    const copyLines = papers[1]!.lines.map((l) => l.trim());
    expect(copyLines[0]).toBe('*** BẢN SAO ***');
    expect(copyLines.at(-1)).toBe('*** BẢN SAO ***');
    expect(papers[1]!.qrPayloads).toEqual([`https://dvc.example.vn/tra-cuu?ma=${code}`]);
    const demo = await api['demo.printerOutput']({});
    expect(demo.ok && demo.value.receipts).toHaveLength(2);
  });
});
