import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticsReport } from '../../common/contract/diagnostics';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { startPrinterEmulator, type PrinterEmulator } from '../../tools/printer-emulator/emulator';
import { adminJs, requireBuilt, runToExit } from '../support/kiosk-process';
import { issueEnrolmentCode, TEST_DATA_KEY_HEX } from '../support/production-kiosk';
import { staffConfig, TEST_CLERK, TEST_IT } from '../support/staff';
import { readZip } from '../support/zip';
import { fileOnlySealers } from '../../main/keys/sealer';
import { silentLogger } from '../../main/log';
import { buildOutbox } from '../../main/services/outbox/outbox';
import { openDataFolder } from '../../main/store/data-folder';
import { makeAttachments, samplePayload, tempDir } from './outbox/fixtures';

/**
 * `kiosk-admin doctor`, `check-config` and `export-logs` as IT runs them (`node out/main/admin.js`):
 * against the real simulator and the printer emulator over loopback, with the faults IT meets —
 * an API that is stopped, a clock that is wrong, a disk below its floor, a printer that is not
 * there — each named on its own line, and exit 1 when any check fails.
 */
let sim: RunningSimulator;
let printer: PrinterEmulator;
let tmp: ReturnType<typeof tempDir>;
beforeAll(async () => {
  requireBuilt(adminJs);
  sim = await startSimulator({ port: 0 });
  printer = await startPrinterEmulator();
  tmp = tempDir('kiosk-doctor-');
});
afterAll(async () => {
  await printer?.close();
  await sim?.close();
  tmp?.cleanup();
});

let n = 0;
/** A kiosk's folder: its production config (against the simulator, the emulator as its printer). */
function kioskDir(config: Record<string, unknown> = {}): string {
  const dir = join(tmp.dir, `kiosk-${++n}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'kiosk.config.json'),
    JSON.stringify({
      api: { baseUrl: sim.url, timeoutMs: 3000 },
      kioskId: 'BMT-MOTCUA-01',
      dataDir: 'data',
      staff: staffConfig([TEST_CLERK, TEST_IT]),
      printer: { type: 'network', host: '127.0.0.1', port: printer.port },
      storage: { minFreeMegabytes: 1 },
      ...config,
    }),
  );
  return dir;
}
const admin = (args: string[], dir?: string) =>
  runToExit(adminJs, [...args, ...(dir ? ['--config', join(dir, 'kiosk.config.json')] : [])], { KIOSK_CONFIG: '', KIOSK_DATA_KEY: TEST_DATA_KEY_HEX }, 30_000);
const lineOf = (out: string, check: string) => out.split('\n').find((l) => new RegExp(`^\\w+\\s+${check}\\s`).test(l)) ?? `(no ${check} line)`;

async function enrolled(config: Record<string, unknown> = {}): Promise<string> {
  const dir = kioskDir(config);
  const enrol = await admin(['enrol', await issueEnrolmentCode(sim.url)], dir);
  expect(enrol.code, enrol.stderr).toBe(0);
  return dir;
}

describe('kiosk-admin doctor', { timeout: 60_000 }, () => {
  it('an enrolled kiosk with its API, clock, disk and printer in order: every check OK, exit 0', async () => {
    const dir = await enrolled();
    const r = await admin(['doctor'], dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    for (const check of ['enrolment', 'api', 'clock', 'disk', 'printer']) expect(lineOf(r.stdout, check)).toMatch(/^OK /);
    expect(lineOf(r.stdout, 'api')).toMatch(/answered in \d+ ms/);
    expect(lineOf(r.stdout, 'printer')).toMatch(/network 127\.0\.0\.1:\d+: ready/);
    expect(r.stdout).toMatch(/All checks passed\./);
    // Nothing was printed to find out.
    expect(printer.printed()).toEqual([]);
  });

  it('a stopped API, a missing printer and a disk below its floor: each named with what to do, exit 1', async () => {
    const dir = kioskDir({
      api: { baseUrl: 'http://127.0.0.1:9', timeoutMs: 2000 },
      printer: { type: 'network', host: '127.0.0.1', port: 9 },
      // A floor no disk here reaches: the data disk is "below its floor".
      storage: { minFreeMegabytes: 1_000_000 },
    });
    const r = await admin(['doctor'], dir);
    expect(r.code).toBe(1);
    expect(lineOf(r.stdout, 'api')).toMatch(/^FAIL\s+api\s+http:\/\/127\.0\.0\.1:9: cannot be reached/);
    expect(lineOf(r.stdout, 'clock')).toMatch(/^UNKNOWN\s+clock\s+not measured/);
    expect(lineOf(r.stdout, 'printer')).toMatch(/^FAIL\s+printer\s+network 127\.0\.0\.1:9: offline — check power/);
    expect(lineOf(r.stdout, 'disk')).toMatch(/^FAIL\s+disk\s+\d+ MB free, floor 1000000 MB \(below the floor/);
    expect(lineOf(r.stdout, 'enrolment')).toMatch(/^FAIL\s+enrolment\s+not enrolled: .*kiosk-admin enrol CODE/);
    expect(r.stdout).toMatch(/check\(s\) failed: enrolment, api, disk, printer\./);
  });

  it("a kiosk clock ten minutes off the API's: the clock fails with the offset and NTP, the rest passes", async () => {
    const dir = await enrolled();
    await fetch(`${sim.url}/__sim/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceSeconds: 600 }) });
    try {
      const r = await admin(['doctor', '--json'], dir);
      expect(r.code).toBe(1);
      const report = DiagnosticsReport.parse(JSON.parse(r.stdout));
      expect(report.clock.status).toBe('fail');
      expect(report.clock.offsetSeconds).toBeGreaterThan(590);
      expect(report.clock.offsetSeconds).toBeLessThan(610);
      expect(report.api.status).toBe('ok');
      expect(report.kiosk.enrolment.state).toBe('enrolled');
      const text = await admin(['doctor'], dir);
      expect(lineOf(text.stdout, 'clock')).toMatch(/^FAIL\s+clock\s+\d+(\.\d)? s behind the API \(more than 60 s: synchronise the clock with NTP\)/);
    } finally {
      await fetch(`${sim.url}/__sim/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceSeconds: -600 }) });
    }
  });

  it('a revoked kiosk fails its enrolment check, saying its queue is held', async () => {
    const dir = await enrolled();
    await fetch(`${sim.url}/__sim/devices/BMT-MOTCUA-01/revoke`, { method: 'POST' });
    const r = await admin(['doctor'], dir);
    expect(r.code).toBe(1);
    expect(lineOf(r.stdout, 'enrolment')).toMatch(/^FAIL\s+enrolment\s+the API revoked this kiosk: its queue is held/);
  });

  it("reads a stopped kiosk's outbox from its encrypted database, and leaves a running kiosk's folder alone, saying so", async () => {
    const dir = await enrolled();
    const dataKey = { settings: { file: null, protection: null }, env: { KIOSK_DATA_KEY: TEST_DATA_KEY_HEX }, keys: { sealerFor: fileOnlySealers, defaultProtection: 'file' as const }, demo: false };
    const open = () => openDataFolder({ dataDir: join(dir, 'data'), shell: 'test', logger: silentLogger, dataKey });
    const folder = await open();
    const outbox = await buildOutbox({ db: folder.db, dataDir: join(dir, 'data'), clock: { now: Date.now }, kioskId: 'BMT-MOTCUA-01', dataKeys: folder.keyring });
    for (let i = 0; i < 2; i++) expect((await outbox.enqueue({ kind: 'dossier', payload: samplePayload(), attachments: makeAttachments(tmp.dir, [1000]) })).ok).toBe(true);
    await folder.close();

    const stopped = await admin(['doctor'], dir);
    expect(stopped.code, stopped.stdout + stopped.stderr).toBe(0);
    expect(lineOf(stopped.stdout, 'outbox')).toMatch(/^OK\s+outbox\s+2 waiting, 0 sending, 0 need a clerk; last delivery never/);

    // A kiosk holding its data folder (its lock): doctor does not wait for it or touch it.
    const held = await open();
    try {
      const running = await admin(['doctor'], dir);
      expect(running.code, running.stdout + running.stderr).toBe(0);
      expect(lineOf(running.stdout, 'outbox')).toMatch(/^UNKNOWN\s+outbox\s+the kiosk is running: see its IT screen/);
    } finally {
      await held.close();
    }
  });
});

describe('kiosk-admin check-config', { timeout: 60_000 }, () => {
  it('a file a production kiosk would start with: exit 0 and its settings, with no PIN hash or token in them', async () => {
    const dir = kioskDir({ monitoring: { metrics: { bearerToken: 'secret-token-0123456789' } }, update: { url: 'https://user:pw@updates.example.vn/kiosk?t=abc' } });
    const r = await admin(['check-config', join(dir, 'kiosk.config.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/a production kiosk would start with this configuration/);
    expect(r.stdout).toMatch(/staff\s+1 clerk, 1 it/);
    expect(r.stdout).toMatch(/update\s+https:\/\/updates\.example\.vn\/kiosk \(stable\)/);
    expect(r.stdout).not.toMatch(/scrypt\$|secret-token|pw@|t=abc/);
  });

  it('a file a production kiosk would refuse: exit 78 with the same message; no file named: exit 64', async () => {
    const dir = kioskDir({ api: { baseUrl: 'http://api.example.vn' } });
    const r = await admin(['check-config', join(dir, 'kiosk.config.json')]);
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/api\.baseUrl: must start with https:\/\//);
    expect((await admin(['check-config'])).code).toBe(64);
    expect((await admin(['check-config', join(dir, 'missing.json')])).code).toBe(78);
  });

  it('warns when no account can open the IT screen', async () => {
    const dir = kioskDir({ staff: staffConfig([TEST_CLERK]) });
    const r = await admin(['check-config', join(dir, 'kiosk.config.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no account with role "it"/);
  });
});

describe('kiosk-admin export-logs', { timeout: 60_000 }, () => {
  it("writes one zip with doctor's report and the log files, each line redacted again and anything not a log line left out", async () => {
    const dir = await enrolled();
    const logDir = join(dir, 'logs');
    mkdirSync(logDir);
    writeFileSync(
      join(logDir, 'kiosk.log'),
      [
        JSON.stringify({ t: '2026-12-01T03:00:00.000Z', level: 'info', event: 'backend.start', kioskId: 'BMT-MOTCUA-01' }),
        // A field that slipped past the logger: redacted on the way out.
        JSON.stringify({ t: '2026-12-01T03:00:01.000Z', level: 'warn', event: 'oops', citizenId: '066190000123', detail: 'phone 0912345678' }),
        'Error: something at Object.<anonymous> (/app/main.js:1:1) 066190000123',
        '',
      ].join('\n'),
    );
    writeFileSync(join(logDir, 'kiosk.1.log'), `${JSON.stringify({ t: '2026-11-30T03:00:00.000Z', level: 'info', event: 'older' })}\n`);
    writeFileSync(join(logDir, 'other.txt'), 'not a kiosk log');
    const out = join(dir, 'usb');
    mkdirSync(out);
    const r = await admin(['export-logs', out, '--log-dir', logDir], dir);
    expect(r.code, r.stderr).toBe(0);
    const [file] = readdirSync(out);
    expect(file).toMatch(/^kiosk-logs-BMT-MOTCUA-01-\d{8}-\d{6}Z\.zip$/);
    const entries = readZip(readFileSync(join(out, file!)));
    expect([...entries.keys()].sort()).toEqual(['diagnostics.json', 'logs/kiosk.1.log', 'logs/kiosk.log', 'recent.log']);
    const report = DiagnosticsReport.parse(JSON.parse(entries.get('diagnostics.json')!));
    expect(report.kiosk.enrolment.state).toBe('enrolled');
    const log = entries.get('logs/kiosk.log')!;
    expect(log).toMatch(/"event":"backend.start"/);
    expect(log).toMatch(/"citizenId":"\[redacted\]"/);
    expect(log).not.toMatch(/066190000123|0912345678|Error: something/);
    expect(r.stdout).toMatch(/Wrote .*\.zip \(\d+ bytes, 4 files\)/);
  });

  it('a folder that is not there (a USB stick pulled out): exit 74, saying so', async () => {
    const dir = await enrolled();
    const r = await admin(['export-logs', join(dir, 'no-such-stick')], dir);
    expect(r.code).toBe(74);
    expect(r.stderr).toMatch(/cannot be written/);
  });
});
