import { describe, expect, it } from 'vitest';
import type { KioskHealth } from '../../common/provincial/heartbeat-schemas';
import { watchApiHealth } from '../../main/services/health/api-watch';
import { buildKioskMetrics } from '../../main/services/health/metrics';
import { buildPresence } from '../../main/services/health/presence';
import { buildHealthReporter, type HealthSources } from '../../main/services/health/snapshot';

const base: KioskHealth = {
  kioskId: 'BMT-01',
  build: { version: '1.4.0', channel: 'pilot', electron: '45.5.0', node: '22.12.0' },
  startedAt: '2027-01-04T01:00:00.000Z',
  outbox: { waiting: 3, sending: 1, needsAttention: 2, oldestWaitingAgeSeconds: 600, lastDeliveryAt: '2027-01-04T01:30:00.000Z' },
  api: { reachable: true, latencySeconds: 0.12, clockOffsetSeconds: -1.5 },
  disk: { freeBytes: 5e9, floorBytes: 2e8 },
  printer: { online: false, paperLow: true, paperOut: true, coverOpen: false, checkedAt: '2027-01-04T01:59:00.000Z' },
  counts: { visits: 7, dossiers: 5, complaints: 1 },
  update: { behindSeconds: 3600, available: '1.5.0' },
  staff: {
    windowSeconds: 86400,
    unlocks: 4,
    failedPins: 6,
    lockouts: 1,
    reprints: 2,
    retries: 3,
    lookups: 9,
    lastLockoutAt: '2027-01-04T01:45:00.000Z',
  },
};

/** Series name + labels → value, from the text exposition. */
function parse(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    out.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return out;
}

describe('kiosk metrics', () => {
  it('expose each health number under its name, every series labelled with the kiosk id', async () => {
    const metrics = buildKioskMetrics({ kioskId: 'BMT-01', health: async () => base });
    const series = parse(await metrics.render());
    expect(
      series.get('kiosk_build_info{version="1.4.0",channel="pilot",electron="45.5.0",node="22.12.0",kiosk_id="BMT-01"}'),
    ).toBe(1);
    expect(series.get('kiosk_outbox_submissions{state="waiting",kiosk_id="BMT-01"}')).toBe(3);
    expect(series.get('kiosk_outbox_submissions{state="needs_attention",kiosk_id="BMT-01"}')).toBe(2);
    expect(series.get('kiosk_outbox_oldest_waiting_age_seconds{kiosk_id="BMT-01"}')).toBe(600);
    expect(series.get('kiosk_outbox_last_delivery_timestamp_seconds{kiosk_id="BMT-01"}')).toBe(
      Date.parse('2027-01-04T01:30:00Z') / 1000,
    );
    expect(series.get('kiosk_clock_offset_seconds{kiosk_id="BMT-01"}')).toBe(-1.5);
    expect(series.get('kiosk_printer_paper_out{kiosk_id="BMT-01"}')).toBe(1);
    expect(series.get('kiosk_printer_up{kiosk_id="BMT-01"}')).toBe(0);
    expect(series.get('kiosk_submissions_total{kind="dossier",kiosk_id="BMT-01"}')).toBe(5);
    expect(series.get('kiosk_visits_total{kiosk_id="BMT-01"}')).toBe(7);
    for (const key of series.keys()) expect(key).toMatch(/kiosk_id="BMT-01"/);
  });

  it('leave out what the kiosk does not know instead of reporting 0, and bring it back once known', async () => {
    let h: KioskHealth = {
      ...base,
      outbox: { ...base.outbox, lastDeliveryAt: null, oldestWaitingAgeSeconds: null },
      disk: { freeBytes: 5e9, floorBytes: null },
      printer: { ...base.printer!, checkedAt: null },
      update: null,
      counts: { visits: 0, dossiers: 0, complaints: 0 },
    };
    const metrics = buildKioskMetrics({ kioskId: 'BMT-01', health: async () => h });
    const first = await metrics.render();
    expect(first).not.toMatch(/^kiosk_outbox_last_delivery_timestamp_seconds/m);
    expect(first).not.toMatch(/^kiosk_disk_floor_bytes/m);
    expect(first).not.toMatch(/^kiosk_printer_/m);
    expect(first).not.toMatch(/^kiosk_update_behind_seconds/m);
    // Counters exist from the start, at zero, for every kind.
    expect(parse(first).get('kiosk_submissions_total{kind="complaint",kiosk_id="BMT-01"}')).toBe(0);
    h = base;
    const second = parse(await metrics.render());
    expect(second.get('kiosk_disk_floor_bytes{kiosk_id="BMT-01"}')).toBe(2e8);
    expect(second.get('kiosk_printer_paper_low{kiosk_id="BMT-01"}')).toBe(1);
  });

  it('report staff activity by fixed action words, never by person, and the last lockout only once there was one', async () => {
    let h: KioskHealth = { ...base, staff: { ...base.staff, lockouts: 0, lastLockoutAt: null } };
    const metrics = buildKioskMetrics({ kioskId: 'BMT-01', health: async () => h });
    const first = await metrics.render();
    expect(first).not.toMatch(/^kiosk_staff_last_lockout_timestamp_seconds/m);
    const staffSeries = [...parse(first).keys()].filter((k) => k.startsWith('kiosk_staff_'));
    expect(staffSeries.sort()).toEqual(
      ['failed_pin', 'lockout', 'lookup', 'reprint', 'retry', 'unlock'].map(
        (a) => `kiosk_staff_actions_24h{action="${a}",kiosk_id="BMT-01"}`,
      ),
    );
    h = base;
    const second = parse(await metrics.render());
    expect(second.get('kiosk_staff_actions_24h{action="failed_pin",kiosk_id="BMT-01"}')).toBe(6);
    expect(second.get('kiosk_staff_actions_24h{action="lookup",kiosk_id="BMT-01"}')).toBe(9);
    expect(second.get('kiosk_staff_actions_24h{action="lockout",kiosk_id="BMT-01"}')).toBe(1);
    expect(second.get('kiosk_staff_last_lockout_timestamp_seconds{kiosk_id="BMT-01"}')).toBe(
      Date.parse('2027-01-04T01:45:00Z') / 1000,
    );
    // A 24-hour window: the counts go down again as old entries leave it.
    h = { ...base, staff: { ...base.staff, failedPins: 0 } };
    expect(parse(await metrics.render()).get('kiosk_staff_actions_24h{action="failed_pin",kiosk_id="BMT-01"}')).toBe(0);
  });

  it('counters never go down, even if a source reports less (a restart of an in-memory count)', async () => {
    let visits = 10;
    const metrics = buildKioskMetrics({
      kioskId: 'K1',
      health: async () => ({ ...base, kioskId: 'K1', counts: { ...base.counts, visits } }),
    });
    await metrics.render();
    visits = 4;
    expect(parse(await metrics.render()).get('kiosk_visits_total{kiosk_id="K1"}')).toBe(10);
    visits = 12;
    expect(parse(await metrics.render()).get('kiosk_visits_total{kiosk_id="K1"}')).toBe(12);
  });
});

describe('health snapshot', () => {
  const sources = (over: Partial<HealthSources> = {}): HealthSources => ({
    kioskId: 'BMT-01',
    build: base.build,
    startedAt: Date.parse(base.startedAt),
    now: () => Date.parse('2027-01-04T02:00:00Z'),
    outbox: () => ({
      waiting: 1,
      sending: 0,
      needsAttention: 0,
      oldestWaitingSince: Date.parse('2027-01-04T01:50:00Z'),
      lastDeliveryAt: null,
    }),
    api: () => base.api,
    disk: async () => base.disk,
    printer: () => null,
    counts: () => base.counts,
    update: () => null,
    staff: () => base.staff,
    ...over,
  });

  it('turns the oldest waiting time into an age at the moment of the snapshot', async () => {
    const h = await buildHealthReporter(sources()).snapshot();
    expect(h.outbox.oldestWaitingAgeSeconds).toBe(600);
    expect(h.printer).toBeNull();
  });

  it('refuses a value outside the heartbeat schema rather than send it (a bug in a source)', async () => {
    const broken = sources({ counts: () => ({ visits: -1, dossiers: 0, complaints: 0 }) });
    await expect(buildHealthReporter(broken).snapshot()).rejects.toThrow();
  });
});

describe('presence', () => {
  it('counts a visit each time the start screen is left, not each report', () => {
    let t = 0;
    const p = buildPresence({ now: () => t });
    p.report('start');
    p.report('visit');
    p.report('visit');
    t = 5;
    p.report('start');
    p.report('visit');
    expect(p.visits()).toBe(2);
    expect(p.snapshot()).toEqual({ state: 'visit', lastActivityAt: 5 });
  });
});

describe('api watch', () => {
  it('measures the round trip of a health check, and keeps it when a check fails', async () => {
    let t = 1_000_000;
    let answer: { ok: true; value: { time: string } } | { ok: false; error: string } = {
      ok: true,
      value: { time: new Date(1_000_000 + 100 + 30_000).toISOString() },
    };
    const client = {
      health: async () => {
        t += 200;
        return answer;
      },
      other: () => 'kept',
    };
    const watch = watchApiHealth(client, () => t);
    await watch.client.health();
    expect(watch.observed()).toEqual({ latencySeconds: 0.2, at: 1_000_200 });
    expect(watch.client.other()).toBe('kept');
    answer = { ok: false, error: 'network' };
    await watch.client.health();
    expect(watch.observed()).toEqual({ latencySeconds: 0.2, at: 1_000_200 });
  });
});
