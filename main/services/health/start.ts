import type { KioskHealth } from '../../../common/provincial/heartbeat-schemas';
import type { KioskConfig } from '../../config/schema';
import type { Logger } from '../../log';
import type { Outbox } from '../outbox/outbox';
import type { Printing } from '../printing/printing-service';
import type { DeviceClient } from '../provincial-api/device-client';
import type { SyncEngine } from '../sync/engine';
import type { ApiObservation } from './api-watch';
import { every, startHeartbeatLoop, startMetricsListener, startPushLoop, type MetricsListener } from './exporters';
import { buildKioskMetrics, type KioskMetrics } from './metrics';
import { buildPresence, type Presence } from './presence';
import { buildHealthReporter, type HealthReporter, type HealthSources } from './snapshot';
import pkg from '../../../package.json';

export interface Health {
  reporter: HealthReporter;
  metrics: KioskMetrics;
  presence: Presence;
  /** The /metrics URL when the listener is configured. */
  metricsUrl: string | null;
  close(): Promise<void>;
}

/**
 * Wires the kiosk's health from the services (outbox, sync, printer, presence, disk) and sends it
 * where config says: /metrics, a Pushgateway, the provincial API's heartbeat. Sources other
 * helpers own (the storage floor, the update state) come in as functions.
 */
export async function startHealth(deps: {
  config: KioskConfig;
  outbox: Outbox;
  sync: SyncEngine;
  apiObserved: () => ApiObservation;
  /** The API's clock minus the kiosk's, in ms, as the request core measured it (null: not yet). */
  clockOffsetMs: () => number | null;
  device: Pick<DeviceClient, 'heartbeat'>;
  printing: Printing;
  logger: Logger;
  now?: () => number;
  /** The data folder's free space and the floor below which dossiers are refused (store/storage-guard). */
  storage: () => KioskHealth['disk'];
  update?: () => KioskHealth['update'];
  /** The staff audit log's last 24 h in counts (services/staff: audit.activity). */
  staffActivity: (now: number) => KioskHealth['staff'];
  channel?: KioskHealth['build']['channel'];
}): Promise<Health> {
  const { config, outbox, sync, printing, logger } = deps;
  const now = deps.now ?? Date.now;
  const monitoring = config.monitoring;
  const presence = buildPresence({ now });
  const sources: HealthSources = {
    kioskId: config.kioskId,
    build: {
      version: pkg.version,
      channel: deps.channel ?? null,
      electron: process.versions.electron ?? null,
      node: process.versions.node,
    },
    startedAt: now(),
    now,
    outbox: () => {
      const s = sync.status();
      return {
        waiting: s.waiting,
        sending: s.sending,
        needsAttention: s.needsAttention,
        oldestWaitingSince: outbox.oldestWaitingSince(),
        lastDeliveryAt: outbox.lastAcceptedAt(),
      };
    },
    api: () => {
      const seen = deps.apiObserved();
      return {
        reachable: sync.status().online,
        latencySeconds: seen.latencySeconds,
        clockOffsetSeconds: (() => {
          const ms = deps.clockOffsetMs();
          return ms === null ? null : ms / 1000;
        })(),
      };
    },
    disk: async () => deps.storage(),
    printer: () => {
      if (!printing.thermal) return null;
      const last = printing.lastStatus();
      if (!last) return { online: false, paperLow: false, paperOut: false, coverOpen: false, checkedAt: null };
      const { status, at } = last;
      return {
        online: status.ready,
        paperLow: status.paperLow,
        paperOut: status.problems.includes('paper_out'),
        coverOpen: status.problems.includes('cover_open'),
        checkedAt: new Date(at).toISOString(),
      };
    },
    counts: () => {
      const totals = outbox.totals();
      return { visits: presence.visits(), dossiers: totals.dossier, complaints: totals.complaint };
    },
    update: () => deps.update?.() ?? null,
    staff: (at) => deps.staffActivity(at),
  };
  const reporter = buildHealthReporter(sources);
  const metrics = buildKioskMetrics({ kioskId: config.kioskId, health: () => reporter.snapshot() });

  const stops: Array<() => Promise<void>> = [];
  if (printing.thermal) {
    const poll = every(monitoring.printerCheckSeconds * 1000, async () => void (await printing.checkStatus()));
    stops.push(poll.stop);
  }
  let listener: MetricsListener | null = null;
  if (monitoring.metrics) {
    // A port taken by something else must not keep citizens from the kiosk: say so and go on.
    listener = await startMetricsListener({ ...monitoring.metrics, metrics, logger }).catch((e: NodeJS.ErrnoException) => {
      logger.error('health.metrics_listen_failed', { code: e.code ?? 'unknown', port: monitoring.metrics?.port });
      return null;
    });
    if (listener) stops.push(listener.close);
  }
  if (monitoring.pushgateway) {
    const push = startPushLoop({
      url: monitoring.pushgateway.url,
      job: monitoring.pushgateway.job,
      kioskId: config.kioskId,
      intervalMs: monitoring.pushgateway.intervalSeconds * 1000,
      timeoutMs: 10_000,
      metrics,
      logger,
    });
    stops.push(push.stop);
  }
  if (monitoring.heartbeatIntervalSeconds > 0) {
    const beat = startHeartbeatLoop({
      intervalMs: monitoring.heartbeatIntervalSeconds * 1000,
      health: () => reporter.snapshot(),
      send: (body) => deps.device.heartbeat(body),
      now,
      logger,
    });
    stops.push(beat.stop);
  }

  return {
    reporter,
    metrics,
    presence,
    metricsUrl: listener?.url ?? null,
    async close() {
      await Promise.all(stops.map((stop) => stop()));
    },
  };
}
