import type { ApiProblem, CheckStatus, DiagnosticsReport } from '../../../common/contract/diagnostics';
import type { DeviceState } from '../device/device-identity';
import type { PrinterStatus } from '../printing/printer-status';
import type { ClientError } from '../provincial-api/types';
import { CLOCK_WARNING_MS } from '../provincial-api/api-clock';

/**
 * How each of IT's checks reads, from facts the probes gathered. Pure, so the screen and
 * `kiosk-admin doctor` judge alike and a test gives plain values.
 */

/** Beyond a minute the kiosk's clock needs NTP: receipts, logs and TLS checks use it (README, Clock). */
export const CLOCK_LIMIT_SECONDS = CLOCK_WARNING_MS / 1000;

export function judgeApi(result: { ok: true } | { ok: false; error: ClientError }): {
  status: CheckStatus;
  problem: ApiProblem | null;
  httpStatus: number | null;
} {
  if (result.ok) return { status: 'ok', problem: null, httpStatus: null };
  const e = result.error;
  switch (e.kind) {
    case 'network':
      return { status: 'fail', problem: 'unreachable', httpStatus: null };
    case 'timeout':
      return { status: 'fail', problem: 'timeout', httpStatus: null };
    case 'api':
      return { status: 'fail', problem: 'error_status', httpStatus: e.status };
    case 'bad_response':
      return { status: 'fail', problem: 'bad_answer', httpStatus: e.status };
    case 'not_enrolled':
      // The health check is sent unsigned; this cannot happen, but if it does it is not the network.
      return { status: 'unknown', problem: null, httpStatus: null };
  }
}

export function judgeClock(offsetMs: number | null): DiagnosticsReport['clock'] {
  if (offsetMs === null) return { status: 'unknown', offsetSeconds: null, limitSeconds: CLOCK_LIMIT_SECONDS };
  const offsetSeconds = Math.round(offsetMs / 100) / 10;
  return { status: Math.abs(offsetMs) > CLOCK_WARNING_MS ? 'fail' : 'ok', offsetSeconds, limitSeconds: CLOCK_LIMIT_SECONDS };
}

export function judgeDisk(freeBytes: number | null, floorBytes: number): DiagnosticsReport['disk'] {
  const free = freeBytes === null ? null : Math.floor(freeBytes);
  const floor = Math.floor(floorBytes);
  return { status: free === null ? 'fail' : free <= floor ? 'fail' : 'ok', freeBytes: free, floorBytes: floor };
}

/** A configured printer that does not answer, or cannot print, fails; paper running low is a warning. */
export function judgePrinter(
  printer: { type: DiagnosticsReport['printer']['type']; target: string | null },
  status: PrinterStatus | null,
): DiagnosticsReport['printer'] {
  if (printer.type === 'none') return { ...printer, status: 'warn', problems: [], paperLow: false };
  if (!status) return { ...printer, status: 'unknown', problems: [], paperLow: false };
  const problems = status.ready ? [] : status.problems.length > 0 ? status.problems : (['error'] as const);
  return {
    ...printer,
    status: !status.ready ? 'fail' : status.paperLow ? 'warn' : 'ok',
    problems: [...problems],
    paperLow: status.paperLow,
  };
}

export function judgeEnrolment(state: DeviceState): CheckStatus {
  switch (state) {
    case 'enrolled':
    case 'demo':
      return 'ok';
    case 'not_enrolled':
    case 'revoked':
    case 'refused':
      return 'fail';
  }
}

/** Dossiers a clerk must look at are a warning; that delivery has stalled shows in the API check. */
export function judgeOutbox(o: Omit<NonNullable<DiagnosticsReport['outbox']>, 'status'>): NonNullable<DiagnosticsReport['outbox']> {
  return { status: o.needsAttention > 0 ? 'warn' : 'ok', ...o };
}

/** The checks that failed, by name, in the order the screen shows them. */
export function failedChecks(r: DiagnosticsReport): string[] {
  const checks: Array<[string, CheckStatus | undefined]> = [
    ['enrolment', r.kiosk.enrolment.status],
    ['api', r.api.status],
    ['clock', r.clock.status],
    ['disk', r.disk.status],
    ['printer', r.printer.status],
    ['outbox', r.outbox?.status],
  ];
  return checks.filter(([, s]) => s === 'fail').map(([name]) => name);
}
