import { existsSync, statfsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DiagnosticsReport } from '../../common/contract/diagnostics';
import type { KioskConfig } from '../config/schema';
import { silentLogger } from '../log';
import { buildDeviceIdentity } from '../services/device/device-identity';
import { printerTarget } from '../services/diagnostics/config-summary';
import { runDiagnostics } from '../services/diagnostics/diagnostics';
import { failedChecks } from '../services/diagnostics/judge';
import { probePrinter } from '../services/diagnostics/printer-probe';
import { buildOutboxRepository } from '../services/outbox/repository';
import { connectPrinter } from '../services/printing/printer-link';
import { printerSetupFrom } from '../services/printing/start';
import { buildApiClock } from '../services/provincial-api/api-clock';
import { buildDeviceClient } from '../services/provincial-api/device-client';
import { buildRequestCore } from '../services/provincial-api/request-core';
import { openDeviceKey } from '../startup/device-key';
import { refusalText, StartRefusal } from '../startup/refusal';
import { dataFolderRefusal, openDataFolder } from '../store/data-folder';
import { buildStorageGuard } from '../store/storage-guard';
import { EX_LOCKED } from '../store/data-lock';
import { exit, flag, type AdminCommand, type AdminIo } from './io';
import { dataKeyFor } from './data-folder-config';
import { kioskConfig, shellKeys } from './kiosk-config';

/**
 * `kiosk-admin doctor`: the IT screen's checks from a shell — enrolment, the provincial API and
 * its latency, the clock against the API's, the data disk against its floor, the receipt
 * printer, the outbox — one line each, and exit 1 when any fails (0 when all pass), so a
 * deployment script or a monitoring agent can run it. Safe beside a running kiosk: it prints
 * nothing and sends nothing but a health check and, when enrolled, one signed "who am I". On a
 * kiosk that never started it makes the device key, as the kiosk's first start would.
 */
export const doctorCommand: AdminCommand = {
  name: 'doctor',
  usage: 'doctor [--config <file>] [--data-dir <folder>] [--json]',
  summary: 'Check this kiosk: enrolment, API, clock, disk floor, printer, outbox. Exit 1 when a check fails.',
  async run(io) {
    const dataDirFlag = flag(io.args, '--data-dir');
    const loaded = kioskConfig(dataDirFlag ? { ...io, env: { ...io.env, KIOSK_DATA_DIR: dataDirFlag } } : io);
    if (!loaded.ok) return loaded.code;
    const { config } = loaded;
    if (config.mode === 'demo') {
      io.stderr.write('This is a DEMO kiosk configuration: its API is the built-in simulator, which runs only inside the kiosk. Nothing to check.\n');
      return exit.usage;
    }
    const collected = await collectReport(io, config);
    if (!collected.ok) return collected.code;
    const { report, outboxNote } = collected;
    if (io.args.includes('--json')) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else printReport(io, report, outboxNote);
    const failed = failedChecks(report);
    if (!io.args.includes('--json')) {
      io.stdout.write(failed.length === 0 ? '\nAll checks passed.\n' : `\n${failed.length} check(s) failed: ${failed.join(', ')}.\n`);
    }
    return failed.length === 0 ? exit.ok : exit.failed;
  },
};

/** The checks of `doctor`, for this kiosk's configuration (also what `export-logs` puts in its zip). */
export async function collectReport(
  io: AdminIo,
  config: KioskConfig,
): Promise<{ ok: true; report: DiagnosticsReport; outboxNote: string } | { ok: false; code: number }> {
  let opened;
  try {
    opened = openDeviceKey(config, shellKeys(io));
  } catch (e) {
    if (!(e instanceof StartRefusal)) throw e;
    io.stderr.write(`${refusalText(e)}\n`);
    return { ok: false, code: exit.config };
  }
  const api = config.api!;
  const identity = buildDeviceIdentity({ ...opened, kioskId: config.kioskId, apiBaseUrl: api.baseUrl, logger: silentLogger });
  const clock = buildApiClock();
  const core = buildRequestCore({
    baseUrl: api.baseUrl,
    timeoutMs: Math.min(api.timeoutMs, 10_000),
    logger: silentLogger,
    signer: identity,
    clock,
    userAgent: `kiosk-dvc-admin/${config.kioskId}`,
  });
  const device = buildDeviceClient(core);
  const storage = buildStorageGuard({
    dataDir: config.dataDir,
    floor: { minFreeBytes: config.storage.minFreeMegabytes * 1024 * 1024, minFreePercent: config.storage.minFreePercent },
    now: Date.now,
    logger: silentLogger,
    // Before the kiosk's first start the data folder may not exist yet: its disk is the parent's.
    statfs: (p) => statfsSync(nearestExisting(p)),
  });
  const setup = printerSetupFrom(config.printer);
  const outbox = await readOutbox(io, config);
  const report = await runDiagnostics({
    config,
    shell: 'kiosk-admin',
    device: () => identity.status(),
    api: {
      // The health check, then (enrolled) whether the API still accepts this kiosk's signature.
      async health() {
        const r = await device.health();
        if (r.ok && identity.status().state === 'enrolled') await device.self();
        return r;
      },
    },
    clockOffsetMs: () => clock.offsetMs(),
    disk: () => storage.status(),
    printer: {
      ...printerTarget(config.printer),
      check: async () => (setup ? probePrinter(setup.target, connectPrinter) : null),
    },
    outbox: () => outbox.summary,
    now: Date.now,
  });
  return { ok: true, report, outboxNote: outbox.note };
}

function nearestExisting(path: string): string {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return p;
}

/**
 * The outbox's numbers from the database when the kiosk is stopped, the folder opened the way
 * check/backup/restore open it (the lock, the start-up check, the data key); a running kiosk
 * holds the folder, and then its IT screen has them.
 */
async function readOutbox(
  io: AdminIo,
  config: KioskConfig,
): Promise<{ summary: Omit<NonNullable<DiagnosticsReport['outbox']>, 'status'> | null; note: string }> {
  if (!existsSync(join(config.dataDir, 'kiosk.sqlite3'))) return { summary: null, note: 'no database yet (the kiosk has not started here)' };
  let folder;
  try {
    folder = await openDataFolder({
      dataDir: config.dataDir,
      shell: 'kiosk-admin doctor',
      logger: silentLogger,
      nativeBinding: io.sqliteNativeBinding,
      backupDir: config.storage.backup.dir,
      kioskId: config.kioskId,
      dataKey: dataKeyFor(io, config),
    });
  } catch (e) {
    const refusal = dataFolderRefusal(e);
    if (!refusal) throw e;
    return { summary: null, note: refusal.code === EX_LOCKED ? 'the kiosk is running: see its IT screen' : refusal.message };
  }
  try {
    const repo = buildOutboxRepository(folder.db);
    const counts = repo.activeCounts();
    const oldest = repo.oldestWaitingSince();
    const last = repo.lastAcceptedAt();
    return {
      summary: {
        waiting: counts.queued,
        sending: counts.sending,
        needsAttention: counts.needs_attention,
        oldestWaitingAgeSeconds: oldest === null ? null : Math.max(0, (Date.now() - oldest) / 1000),
        lastDeliveryAt: last === null ? null : new Date(last).toISOString(),
      },
      note: '',
    };
  } finally {
    await folder.close();
  }
}

const MB = 1024 * 1024;

function printReport(io: AdminIo, r: DiagnosticsReport, outboxNote: string): void {
  const line = (status: string, name: string, text: string) => io.stdout.write(`${status.toUpperCase().padEnd(7)} ${name.padEnd(10)} ${text}\n`);
  io.stdout.write(`Kiosk ${r.kiosk.kioskId} — kiosk-dvc ${r.build.version} (node ${r.build.node}, ${r.build.platform}) at ${r.checkedAt}\n\n`);
  const e = r.kiosk.enrolment;
  line(
    e.status,
    'enrolment',
    e.state === 'enrolled'
      ? `enrolled ${e.enrolledAt ?? ''}, key ${e.fingerprint} (${e.protection})`
      : e.state === 'not_enrolled'
        ? `not enrolled: key ${e.fingerprint} (${e.protection}); run "kiosk-admin enrol CODE" with a code from the province`
        : e.state === 'revoked'
          ? 'the API revoked this kiosk: its queue is held; enrol it again with a new code'
          : `the API does not accept this kiosk's key (${e.fingerprint}): check which kiosk the province enrolled under ${r.kiosk.kioskId}`,
  );
  const a = r.api;
  line(
    a.status,
    'api',
    a.status === 'ok'
      ? `${a.baseUrl} answered in ${a.latencyMs} ms`
      : `${a.baseUrl}: ${a.problem === 'unreachable' ? 'cannot be reached (stopped, wrong address, or no network)' : a.problem === 'timeout' ? 'did not answer in time' : a.problem === 'error_status' ? `answered HTTP ${a.httpStatus}` : `answered something that is not the API (HTTP ${a.httpStatus})`}`,
  );
  const c = r.clock;
  line(
    c.status,
    'clock',
    c.offsetSeconds === null
      ? 'not measured (the API did not answer)'
      : `${Math.abs(c.offsetSeconds)} s ${c.offsetSeconds > 0 ? 'behind' : 'ahead of'} the API${c.status === 'fail' ? ` (more than ${c.limitSeconds} s: synchronise the clock with NTP)` : ''}`,
  );
  const d = r.disk;
  line(
    d.status,
    'disk',
    d.freeBytes === null
      ? 'the data folder\'s disk cannot be read'
      : `${Math.floor(d.freeBytes / MB)} MB free, floor ${Math.floor(d.floorBytes / MB)} MB${d.status === 'fail' ? ' (below the floor: the kiosk refuses new dossiers; free space)' : ''}`,
  );
  const p = r.printer;
  line(
    p.status,
    'printer',
    p.type === 'none'
      ? 'no receipt printer configured (receipts go to the system printer)'
      : `${p.type} ${p.target}: ${p.status === 'fail' ? `${p.problems.join(', ')} — check power, cable/address and paper` : p.paperLow ? 'ready, paper low' : 'ready'}`,
  );
  const o = r.outbox;
  line(
    o?.status ?? 'unknown',
    'outbox',
    o
      ? `${o.waiting} waiting, ${o.sending} sending, ${o.needsAttention} need a clerk; last delivery ${o.lastDeliveryAt ?? 'never'}`
      : outboxNote,
  );
}
