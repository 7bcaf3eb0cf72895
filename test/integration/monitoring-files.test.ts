import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KioskHealth } from '../../common/provincial/heartbeat-schemas';
import { buildKioskMetrics } from '../../main/services/health/metrics';
import { kioskMetricNames } from '../../main/services/health/metric-names';
import { requireBinaries } from '../support/prometheus-binaries';

/**
 * deploy/monitoring/ is what IT loads into the province's Prometheus and Grafana. The rules are
 * unit-tested with promtool, and every metric the rules and the dashboard mention must be one
 * the kiosk really exports: a renamed metric would otherwise leave an alert that never fires.
 */
const dir = join(__dirname, '../../deploy/monitoring');
const read = (f: string) => readFileSync(join(dir, f), 'utf8');

/** Series Prometheus or the Pushgateway make themselves, which rules may use beside the kiosk's. */
const notFromTheKiosk = new Set(['up', 'push_time_seconds']);
const promqlWords = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'sum',
  'count',
  'max',
  'min',
  'avg',
  'abs',
  'delta',
  'deriv',
  'increase',
  'rate',
  'time',
  'topk',
  'label_values',
]);

/** Metric names in a PromQL expression: identifiers that are not functions, keywords, label names or quoted values. */
function metricNamesIn(expr: string): string[] {
  const withoutStrings = expr.replace(/"[^"]*"/g, '""');
  const withoutMatchers = withoutStrings.replace(/\{[^}]*\}/g, '{}').replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, '');
  const words = withoutMatchers.match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? [];
  return [...new Set(words.filter((w) => !promqlWords.has(w) && !/^(s|m|h|d|w|y)$/.test(w)))];
}

const sampleHealth: KioskHealth = {
  kioskId: 'TEST-01',
  build: { version: '1.2.3', channel: 'stable', electron: '45.5.0', node: '22.12.0' },
  startedAt: new Date(0).toISOString(),
  outbox: { waiting: 1, sending: 0, needsAttention: 0, oldestWaitingAgeSeconds: 5, lastDeliveryAt: new Date(1000).toISOString() },
  api: { reachable: true, latencySeconds: 0.05, clockOffsetSeconds: 0.2 },
  disk: { freeBytes: 10_000_000_000, floorBytes: 200_000_000 },
  printer: { online: true, paperLow: false, paperOut: false, coverOpen: false, checkedAt: new Date(0).toISOString() },
  counts: { visits: 3, dossiers: 2, complaints: 1 },
  update: { behindSeconds: 0, available: null },
  staff: { windowSeconds: 86400, unlocks: 2, failedPins: 1, lockouts: 1, reprints: 1, retries: 1, lookups: 4, lastLockoutAt: new Date(0).toISOString() },
};

async function exportedNames(): Promise<Set<string>> {
  const text = await buildKioskMetrics({ kioskId: 'TEST-01', health: async () => sampleHealth }).render();
  return new Set([...text.matchAll(/^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/gm)].map((m) => m[1]!));
}

interface RuleFile {
  groups: Array<{ name: string; rules: Array<{ alert?: string; record?: string; expr: string }> }>;
}
interface Panel {
  type: string;
  title: string;
  targets?: Array<{ expr: string }>;
  gridPos: { h: number; w: number; x: number; y: number };
}

describe('deploy/monitoring', () => {
  it('every metric the alert rules use is exported by the kiosk (or made by Prometheus itself)', async () => {
    const exported = await exportedNames();
    const rules = parse(read('kiosk-alerts.yml')) as RuleFile;
    const used = rules.groups.flatMap((g) => g.rules.flatMap((r) => metricNamesIn(r.expr)));
    expect(used.length).toBeGreaterThan(10);
    for (const name of used) expect(exported.has(name) || notFromTheKiosk.has(name), `${name} in kiosk-alerts.yml`).toBe(true);
  });

  it('every metric the Grafana dashboard charts is exported by the kiosk, and the dashboard is well formed', async () => {
    const exported = await exportedNames();
    const dashboard = JSON.parse(read('grafana-dashboard.json')) as {
      uid: string;
      panels: Panel[];
      templating: { list: Array<{ name: string; query: unknown }> };
    };
    expect(dashboard.uid).toMatch(/^[a-z0-9-]{1,40}$/);
    const ids = dashboard.panels.map((p) => (p as unknown as { id: number }).id);
    expect(new Set(ids).size).toBe(ids.length);
    const charts = dashboard.panels.filter((p) => p.type !== 'row');
    expect(charts.length).toBeGreaterThan(10);
    for (const p of charts) {
      expect(p.targets?.length, p.title).toBeGreaterThan(0);
      expect(p.gridPos.x + p.gridPos.w, p.title).toBeLessThanOrEqual(24);
      for (const t of p.targets ?? []) {
        for (const name of metricNamesIn(t.expr)) expect(exported.has(name), `${name} in panel "${p.title}"`).toBe(true);
      }
    }
    const variables = dashboard.templating.list.map((v) => v.name);
    expect(variables).toEqual(['datasource', 'kiosk_id']);
  });

  it('the metric catalog names follow Prometheus conventions', () => {
    for (const name of kioskMetricNames) {
      expect(name).toMatch(/^kiosk_[a-z0-9_]+$/);
      expect(name.endsWith('_total') || !/_count$|_sum$/.test(name)).toBe(true);
    }
    expect(kioskMetricNames).toContain('kiosk_build_info');
    expect(new Set(kioskMetricNames).size).toBe(kioskMetricNames.length);
  });

  const { found, skip } = requireBinaries('promtool');
  it.skipIf(skip !== null)(`promtool: the rules are valid and their unit tests pass${skip ? ` (skipped: ${skip})` : ''}`, () => {
    const run = (...args: string[]) => execFileSync(found.promtool, args, { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    expect(run('check', 'rules', 'kiosk-alerts.yml')).toMatch(/SUCCESS: 15 rules found/);
    expect(run('test', 'rules', 'kiosk-alerts.test.yml')).toMatch(/SUCCESS/);
    expect(run('test', 'rules', 'kiosk-fleet-alerts.test.yml')).toMatch(/SUCCESS/);
    expect(run('check', 'config', '--syntax-only', 'prometheus.example.yml')).toMatch(/SUCCESS/);
    // Four promtool runs, each a few seconds on a loaded 2-core machine.
  }, 120_000);

  it('the helper that finds promtool-style names ignores labels, functions and strings', () => {
    expect(metricNamesIn('sum by (kiosk_id) (increase(kiosk_visits_total{kiosk_id=~"a.+"}[1h]))')).toEqual([
      'kiosk_visits_total',
    ]);
    expect(metricNamesIn('(up{job="kiosk"} == 0) or (time() - push_time_seconds{job="kiosk"} > 600)')).toEqual([
      'up',
      'push_time_seconds',
    ]);
  });
});
