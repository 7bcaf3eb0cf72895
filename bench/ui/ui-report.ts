import { cpus, loadavg, totalmem } from 'node:os';
import { percentileOf } from '../report';
import type { TapRecord } from './instrument';

/** Samples by measure, then by repeat: the table pools the repeats and shows each one's p95. */
export type Samples = Map<string, number[][]>;

/** Where a tap's time goes, in order (see instrument.ts). */
export const PHASES: ReadonlyArray<(t: TapRecord) => number> = [
  (t) => t.start - t.down,
  (t) => t.handled - t.start,
  (t) => t.frame - t.handled,
  (t) => t.painted - t.frame,
];
const phaseNames = ['waiting for the main thread', 'listeners and Vue’s update', 'waiting for the next frame', 'style, layout, paint'];

interface RowSpec {
  measure: string;
  key: string;
  targetMs: number;
  /** The same measure on the bare page, where there is one. */
  floorKey?: string;
}

const RATES = [1, 4];

function rowsFor(rate: number): RowSpec[] {
  return [
    { measure: `key tap → glyph painted, ID field, ${rate}× CPU`, key: `id:${rate}`, targetMs: 16, floorKey: `floor:${rate}` },
    { measure: `key tap → glyph painted, search box (6000 procedures), ${rate}× CPU`, key: `searchTap:${rate}`, targetMs: 16, floorKey: `floor:${rate}` },
    { measure: `search per keystroke → results in the DOM, ${rate}× CPU`, key: `searchDom:${rate}`, targetMs: 8 },
    { measure: `search per keystroke → results painted, ${rate}× CPU`, key: `searchPainted:${rate}`, targetMs: 16 },
    { measure: `tap → next wizard step painted (steps 2–5, both ways), ${rate}× CPU`, key: `transition:${rate}`, targetMs: 100 },
  ];
}

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : '—');

export function uiReport(samples: Samples, repeats: number): { table: string; phases: string; summary: string } {
  const pooled = (key: string) => (samples.get(key) ?? []).flat();
  const perRepeat = (key: string) => (samples.get(key) ?? []).map((r) => percentileOf(r, 95));
  const specs = RATES.flatMap(rowsFor);
  let met = 0;
  const lines = specs.map((r) => {
    const all = pooled(r.key);
    const p95 = percentileOf(all, 95);
    const ok = p95 <= r.targetMs;
    if (ok) met++;
    const repeatsCell = repeats > 1 ? perRepeat(r.key).map((x) => x.toFixed(1)).join(' / ') : '—';
    const floor = r.floorKey ? ms(percentileOf(pooled(r.floorKey), 95)) : '—';
    return `| ${r.measure} | ${all.length} | ${ms(percentileOf(all, 50))} | ${ms(p95)} | ${repeatsCell} | ${floor} | p95 ≤ ${r.targetMs} ms | ${ok ? 'met' : '**missed**'} |`;
  });
  const table = [
    '| Measure | n | p50 | p95 | p95 of each repeat (ms) | Floor p95: a bare page, same method | Target | |',
    '|---|---|---|---|---|---|---|---|',
    ...lines,
  ].join('\n');

  const phaseRows = RATES.flatMap((rate) =>
    (
      [
        ['bare page (the floor)', 'floor'],
        ['ID field', 'id'],
        ['search box', 'search'],
      ] as const
    ).map(([label, what]) => {
      const cells = phaseNames.map((_, i) => {
        const v = pooled(`phase:${what}:${rate}:${i}`);
        return `${percentileOf(v, 50).toFixed(1)} / ${percentileOf(v, 95).toFixed(1)}`;
      });
      return `| ${label}, ${rate}× CPU | ${cells.join(' | ')} |`;
    }),
  );
  const phases = [
    'Where a key tap’s time goes (p50 / p95, ms; the phases’ p95s do not add up to the total’s):',
    '',
    `| Tap | ${phaseNames.join(' | ')} |`,
    '|---|---|---|---|---|',
    ...phaseRows,
  ].join('\n');
  return { table, phases, summary: `${met} of ${specs.length} targets met.` };
}

export function machineLine(chromium: string): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GB RAM, Chromium ${chromium}, load average at the end ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')}`;
}
