import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticsReport } from '../../common/contract/diagnostics';
import type { Backend } from '../../main/backend';
import { buildLogger, buildLogRing } from '../../main/log';
import { ALL_VIETNAMESE_LETTERS } from '../../main/services/diagnostics/test-page';
import type { WebHost } from '../../main/web-host/server';
import { startDemoKiosk } from '../support/demo-kiosk';
import { hostBackend } from '../support/web-host';
import { demoCitizen, finishVisit, kioskHttp, logIn } from '../support/kiosk-http';
import { staffConfig, TEST_CLERK, TEST_IT } from '../support/staff';
import { readZip } from '../support/zip';

/**
 * The IT screen's methods on a DEMO kiosk (its own simulator and printer emulator), through the
 * kiosk's one dispatcher: only an IT account may call them; the report says what the kiosk is
 * and how it is; the test page comes out of the printer in Vietnamese; the exported zip holds the
 * logs since start and nothing of the citizen who used the kiosk before.
 */
let dir: string;
let backend: Backend;
let host: WebHost;
const ring = buildLogRing();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-it-'));
  const configFile = join(dir, 'kiosk.config.json');
  writeFileSync(configFile, JSON.stringify({ kioskId: 'IT-01', staff: staffConfig([TEST_CLERK, TEST_IT]) }));
  // The kiosk's own log lines (at debug, the most it ever says) go to the ring the export reads.
  const logger = buildLogger({ level: 'debug', write: (line) => ring.push(line) });
  backend = await startDemoKiosk({ dir, config: configFile, logger, logs: { dir: null, recent: ring.lines } });
  host = await hostBackend(backend, dir);
});
afterAll(async () => {
  await host?.close();
  await backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

type Called = { ok: true; value: unknown } | { ok: false; error: { code: string; issues?: Array<{ message: string }> } };
const call = (method: string, input: unknown = {}) => backend.dispatch(method, input) as Promise<Called>;
const value = async <T>(method: string, input: unknown = {}): Promise<T> => {
  const r = await call(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code}`);
  return r.value as T;
};

describe("the IT screen's methods", () => {
  it('are refused (it_required) to nobody unlocked and to a clerk', async () => {
    for (const method of ['it.diagnostics', 'it.testPrint', 'it.exportLogs', 'it.enrol']) {
      const input = method === 'it.exportLogs' ? { folder: null } : method === 'it.enrol' ? { code: 'ABCD-EFGH-JKMN' } : {};
      expect(await call(method, input)).toMatchObject({ ok: false, error: { code: 'it_required' } });
    }
    await value('clerk.unlock', { pin: TEST_CLERK.pin });
    try {
      expect(await call('it.diagnostics')).toMatchObject({ ok: false, error: { code: 'it_required' } });
      expect(await call('it.exportLogs', { folder: null })).toMatchObject({ ok: false, error: { code: 'it_required' } });
    } finally {
      await value('clerk.lock');
    }
  });

  it('report the version, the kiosk, its API, clock, disk, printer and outbox, with the configuration and no secret', async () => {
    await value('clerk.unlock', { pin: TEST_IT.pin });
    const report = DiagnosticsReport.parse(await value('it.diagnostics'));
    expect(report.build).toMatchObject({ version: expect.stringMatching(/^\d+\.\d+\.\d+/), shell: 'test', electron: null });
    expect(report.kiosk).toMatchObject({ kioskId: 'IT-01', mode: 'demo', enrolment: { status: 'ok', state: 'demo', protection: 'demo' } });
    expect(report.api).toMatchObject({ status: 'ok', problem: null, baseUrl: '(built-in simulator)' });
    expect(report.api.latencyMs).toBeGreaterThanOrEqual(0);
    expect(report.clock.status).toBe('ok');
    expect(Math.abs(report.clock.offsetSeconds!)).toBeLessThan(5);
    expect(report.disk.status).toBe('ok');
    expect(report.printer).toMatchObject({ status: 'ok', type: 'emulator', problems: [] });
    expect(report.outbox).toMatchObject({ status: 'ok', waiting: 0, needsAttention: 0 });
    expect(report.config).toContainEqual({ key: 'staff', value: '1 clerk, 1 it' });
    expect(JSON.stringify(report)).not.toMatch(/scrypt\$|Trần Minh Quân|Nguyễn Thị Lan/);
    await value('clerk.lock');
  });

  it("print a test page with every Vietnamese letter and the kiosk's QR code", async () => {
    backend.demo!.printer!.clear();
    await value('clerk.unlock', { pin: TEST_IT.pin });
    expect(await value('it.testPrint')).toEqual({ printed: true, problem: null, paperLow: false });
    await value('clerk.lock');
    const [page] = backend.demo!.printer!.printed();
    const text = page!.lines.join(' ');
    for (const letter of ALL_VIETNAMESE_LETTERS.replace(/ /g, '')) expect(text).toContain(letter);
    expect(page!.qrPayloads).toEqual(['KIOSK-TEST:IT-01']);
  });

  it('export a zip of the logs since start to the chosen folder, holding nothing of the citizen who was here', async () => {
    const kiosk = kioskHttp(host.url);
    await logIn(kiosk, backend.demo!.apiBaseUrl);
    await finishVisit(kiosk);
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    await value('clerk.unlock', { pin: TEST_IT.pin });
    const written = await value<{ file: string; bytes: number; entries: number }>('it.exportLogs', { folder: usb });
    expect(written.file.startsWith(usb)).toBe(true);
    expect(readdirSync(usb)).toEqual([written.file.slice(usb.length + 1)]);
    const entries = readZip(readFileSync(written.file));
    expect([...entries.keys()]).toEqual(['diagnostics.json', 'recent.log']);
    DiagnosticsReport.parse(JSON.parse(entries.get('diagnostics.json')!));
    const recent = entries.get('recent.log')!;
    expect(recent).toMatch(/"event":"backend.start"/);
    expect(recent).toMatch(/"event":"visit.end/);
    const p = demoCitizen;
    for (const secret of [p.citizenId, p.phone, p.fullName, ...p.fullName.split(' ').filter((w) => w.length > 3), p.email!]) {
      expect(recent).not.toContain(secret);
      expect(entries.get('diagnostics.json')).not.toContain(secret);
    }
    // No folder named: the kiosk's own export folder beside its data folder.
    const fallback = await value<{ file: string }>('it.exportLogs', { folder: null });
    expect(fallback.file.startsWith(`${backend.config.dataDir}-exports`)).toBe(true);
    await value('clerk.lock');
  });

  it('refuse a folder that is not a full path, or not there, and write nothing', async () => {
    await value('clerk.unlock', { pin: TEST_IT.pin });
    expect(await call('it.exportLogs', { folder: 'usb' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ message: 'it.folderAbsolute' }] },
    });
    expect(await call('it.exportLogs', { folder: join(dir, 'pulled-out') })).toMatchObject({ ok: false, error: { code: 'export_folder_unavailable' } });
    expect(await call('it.enrol', { code: 'nope' })).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ message: 'it.codeFormat' }] } });
    await value('clerk.lock');
  });
});
