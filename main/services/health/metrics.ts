import { Counter, Gauge, Registry } from 'prom-client';
import type { KioskHealth } from '../../../common/provincial/heartbeat-schemas';
import { KIOSK_ID_LABEL, kioskMetrics, type KioskMetricKey, type MetricDefinition } from './metric-names';

export interface KioskMetrics {
  readonly registry: Registry;
  readonly contentType: string;
  /** Takes a fresh health snapshot into the registry (before a scrape or a push). */
  refresh(): Promise<KioskHealth>;
  /** refresh() and the text exposition format. */
  render(): Promise<string>;
}

/**
 * The kiosk's Prometheus registry (prom-client), filled from one health snapshot per scrape or
 * push, so the metrics and the heartbeat always say the same thing. Every series carries
 * `kiosk_id`; no other label value comes from outside the code.
 */
export function buildKioskMetrics(deps: { kioskId: string; health: () => Promise<KioskHealth> }): KioskMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ [KIOSK_ID_LABEL]: deps.kioskId });

  const make = (d: MetricDefinition) =>
    d.type === 'gauge'
      ? new Gauge({ name: d.name, help: d.help, labelNames: [...d.labelNames], registers: [registry] })
      : new Counter({ name: d.name, help: d.help, labelNames: [...d.labelNames], registers: [registry] });
  const metrics = Object.fromEntries(Object.entries(kioskMetrics).map(([k, d]) => [k, make(d)])) as Record<
    KioskMetricKey,
    Gauge | Counter
  >;
  const g = (key: KioskMetricKey) => metrics[key] as Gauge;
  const c = (key: KioskMetricKey) => metrics[key] as Counter;

  // Counters only go up: the snapshot holds absolute counts, the counter is moved by the difference.
  const counted = new Map<string, number>();
  const countTo = (key: KioskMetricKey, value: number, labels: Record<string, string> = {}) => {
    const id = `${key}${JSON.stringify(labels)}`;
    const before = counted.get(id);
    // inc by 0 the first time, so a kind nobody used yet shows as 0 rather than not at all.
    if (before === undefined || value > before) c(key).inc(labels, value - (before ?? 0));
    counted.set(id, Math.max(value, before ?? 0));
  };
  // A value the kiosk does not know (no delivery yet, no floor, no printer answer) is left out of
  // the exposition, not shown as 0: an unlabelled prom-client gauge always prints a value, so it
  // leaves the registry until it is known again.
  const setOrClear = (key: KioskMetricKey, value: number | null) => {
    const name = kioskMetrics[key].name;
    const present = registry.getSingleMetric(name) !== undefined;
    if (value === null) {
      if (present) registry.removeSingleMetric(name);
      return;
    }
    if (!present) registry.registerMetric(g(key));
    g(key).set(value);
  };
  const bit = (b: boolean) => (b ? 1 : 0);

  function apply(h: KioskHealth): void {
    g('buildInfo').reset();
    g('buildInfo').set(
      { version: h.build.version, channel: h.build.channel ?? 'none', electron: h.build.electron ?? 'none', node: h.build.node },
      1,
    );
    g('startTime').set(Date.parse(h.startedAt) / 1000);
    g('outboxSubmissions').set({ state: 'waiting' }, h.outbox.waiting);
    g('outboxSubmissions').set({ state: 'sending' }, h.outbox.sending);
    g('outboxSubmissions').set({ state: 'needs_attention' }, h.outbox.needsAttention);
    g('outboxOldestWaitingAge').set(h.outbox.oldestWaitingAgeSeconds ?? 0);
    setOrClear('outboxLastDelivery', h.outbox.lastDeliveryAt === null ? null : Date.parse(h.outbox.lastDeliveryAt) / 1000);
    g('apiUp').set(bit(h.api.reachable));
    setOrClear('apiLatency', h.api.latencySeconds);
    setOrClear('clockOffset', h.api.clockOffsetSeconds);
    setOrClear('diskFree', h.disk.freeBytes);
    setOrClear('diskFloor', h.disk.floorBytes);
    // A printer not asked yet is unknown, not "down".
    const p = h.printer?.checkedAt ? h.printer : null;
    setOrClear('printerUp', p && bit(p.online));
    setOrClear('printerPaperLow', p && bit(p.paperLow));
    setOrClear('printerPaperOut', p && bit(p.paperOut));
    setOrClear('printerCoverOpen', p && bit(p.coverOpen));
    countTo('visits', h.counts.visits);
    countTo('submissions', h.counts.dossiers, { kind: 'dossier' });
    countTo('submissions', h.counts.complaints, { kind: 'complaint' });
    setOrClear('updateBehind', h.update?.behindSeconds ?? null);
    // A rolling 24 h count goes down as well as up: a gauge, one series per fixed action word.
    const staff = h.staff;
    g('staffActions').set({ action: 'unlock' }, staff.unlocks);
    g('staffActions').set({ action: 'failed_pin' }, staff.failedPins);
    g('staffActions').set({ action: 'lockout' }, staff.lockouts);
    g('staffActions').set({ action: 'reprint' }, staff.reprints);
    g('staffActions').set({ action: 'retry' }, staff.retries);
    g('staffActions').set({ action: 'lookup' }, staff.lookups);
    setOrClear('staffLastLockout', staff.lastLockoutAt === null ? null : Date.parse(staff.lastLockoutAt) / 1000);
  }

  async function refresh(): Promise<KioskHealth> {
    const h = await deps.health();
    apply(h);
    return h;
  }

  return {
    registry,
    contentType: registry.contentType,
    refresh,
    async render() {
      await refresh();
      return registry.metrics();
    },
  };
}
