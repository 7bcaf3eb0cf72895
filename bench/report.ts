/**
 * One row of the benchmark's table. Every row has a target and says whether it was met: a row
 * with nothing to meet is not a claim, so it does not belong in the table.
 */
export interface Row {
  measure: string;
  ours: string;
  yardstick: string;
  /** What is compared with the target (a ratio, or a difference for memory). */
  value: number;
  shown: string;
  target: { op: '≤' | '≥'; limit: number; unit: '×' | ' MB' };
  /** Extra words after the verdict (e.g. the spread over rounds). */
  note?: string;
}

export const met = (r: Row): boolean => (r.target.op === '≤' ? r.value <= r.target.limit : r.value >= r.target.limit);

export function table(rows: readonly Row[]): string {
  const line = (r: Row) =>
    `| ${r.measure} | ${r.ours} | ${r.yardstick} | ${r.shown} | ${r.target.op} ${r.target.unit === ' MB' ? '+' : ''}${r.target.limit}${r.target.unit} | ${met(r) ? 'met' : '**missed**'}${r.note ? ` (${r.note})` : ''} |`;
  return ['| Measure | Ours | Yardstick | Ratio | Target | |', '|---|---|---|---|---|---|', ...rows.map(line)].join('\n');
}

export const ratio = (x: number) => `${x.toFixed(2)}×`;
export const ms = (x: number) => `${x.toFixed(1)} ms`;

/** A latency measured against an absolute target (a frame, a budget), not against a yardstick. */
export interface LatencyRow {
  measure: string;
  samples: readonly number[];
  /** The p95 must be at most this many milliseconds. */
  targetMs: number;
}

export function percentileOf(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export const latencyMet = (r: LatencyRow): boolean => percentileOf(r.samples, 95) <= r.targetMs;

export function latencyTable(rows: readonly LatencyRow[]): string {
  const line = (r: LatencyRow) =>
    `| ${r.measure} | ${r.samples.length} | ${percentileOf(r.samples, 50).toFixed(1)} ms | ${percentileOf(r.samples, 95).toFixed(1)} ms | ${(percentileOf(r.samples, 95) / r.targetMs).toFixed(2)}× | p95 ≤ ${r.targetMs} ms | ${latencyMet(r) ? 'met' : '**missed**'} |`;
  return ['| Measure | n | p50 | p95 | p95 / target | Target | |', '|---|---|---|---|---|---|---|', ...rows.map(line)].join('\n');
}
