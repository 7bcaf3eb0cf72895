import { DiagnosticsReport } from '../../../common/contract/diagnostics';
import type { KioskConfig } from '../../config/schema';
import type { DeviceStatus } from '../device/device-identity';
import type { PrinterStatus } from '../printing/printer-status';
import type { DeviceClient } from '../provincial-api/device-client';
import { summariseConfig } from './config-summary';
import { judgeApi, judgeClock, judgeDisk, judgeEnrolment, judgeOutbox, judgePrinter } from './judge';
import pkg from '../../../package.json';

export interface DiagnosticsSources {
  config: KioskConfig;
  /** `electron`, `web`, `kiosk-admin`. */
  shell: string;
  device: () => DeviceStatus;
  /** The health check, unsigned: it answers whether or not the kiosk is enrolled, and measures the clock. */
  api: Pick<DeviceClient, 'health'>;
  /** The API's clock minus this machine's, as the request core measured it (null: never). */
  clockOffsetMs: () => number | null;
  disk: () => { freeBytes: number | null; floorBytes: number };
  printer: {
    type: DiagnosticsReport['printer']['type'];
    target: string | null;
    /** Asks the printer now; null without a receipt printer. */
    check: () => Promise<PrinterStatus | null>;
  };
  /** Null when the outbox cannot be read here (kiosk-admin while the kiosk holds the data folder). */
  outbox: () => Omit<NonNullable<DiagnosticsReport['outbox']>, 'status'> | null;
  now: () => number;
}

/**
 * Runs IT's checks now: the API (health check, latency, and with it the clock), the disk against
 * its floor, the printer, the enrolment, the outbox; the same for the screen and for doctor.
 * The API and the printer are asked at the same time, so the whole takes as long as the slower.
 */
export async function runDiagnostics(s: DiagnosticsSources): Promise<DiagnosticsReport> {
  const probeApi = async () => {
    const started = s.now();
    const result = await s.api.health();
    return { result, latencyMs: Math.max(0, Math.round(s.now() - started)) };
  };
  const [api, printerStatus] = await Promise.all([probeApi(), s.printer.check().catch(() => null)]);
  const apiJudged = judgeApi(api.result);
  const device = s.device();
  const disk = s.disk();
  const outbox = s.outbox();
  const report: DiagnosticsReport = {
    checkedAt: new Date(s.now()).toISOString(),
    build: {
      version: pkg.version,
      electron: process.versions.electron ?? null,
      node: process.versions.node,
      shell: s.shell,
      platform: `${process.platform}-${process.arch}`,
    },
    kiosk: {
      kioskId: s.config.kioskId,
      mode: s.config.mode,
      enrolment: {
        status: judgeEnrolment(device.state),
        state: device.state,
        enrolledAt: device.enrolledAt,
        fingerprint: device.fingerprint.slice(0, 16),
        protection: device.protection,
      },
    },
    config: summariseConfig(s.config),
    api: {
      ...apiJudged,
      baseUrl: apiBaseUrlShown(s.config),
      latencyMs: api.result.ok ? api.latencyMs : null,
    },
    clock: judgeClock(s.clockOffsetMs()),
    disk: judgeDisk(disk.freeBytes, disk.floorBytes),
    printer: judgePrinter({ type: s.printer.type, target: s.printer.target }, printerStatus),
    outbox: outbox ? judgeOutbox(outbox) : null,
  };
  // A bad value is a bug here, not something to show IT.
  return DiagnosticsReport.parse(report);
}

function apiBaseUrlShown(config: KioskConfig): string {
  return summariseConfig(config).find((l) => l.key === 'api.baseUrl')?.value ?? '';
}
