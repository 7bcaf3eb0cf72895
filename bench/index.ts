import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { drainWorkerChild, peakRssDuringDrain, rssDrainChild } from './drain';
import { benchEnqueue } from './enqueue';
import { plainClientChild, plainServerChild } from './plain-http';
import { met, ms, ratio, table, type Row } from './report';
import { writeSection } from './results-file';
import { startWorker, type Worker } from './workers';

/**
 * `npm run bench`: the outbox's speed claims as ratios against the physical limits, measured
 * side by side in one run and written to bench/RESULTS.md. (a) durable enqueue vs plain SQLite
 * + the same fsyncs; (b) drain throughput vs a plain node:http client and server in processes of
 * their own (1 and 2 lanes; the server discarding each body, and writing it with an fsync as a
 * real API keeps what it accepts, the simulator then doing the same), and, as a second view, vs
 * our own signed client; (c) peak RSS of a drain of 2,000 × 1 MB vs 20 × 1 MB.
 *
 * `--repeat N` (or BENCH_REPEAT=N) runs (a) and (b) N times over; each row shows the median
 * repeat and lists all of them. (c) is memory, not time: it runs once.
 */
const MB = 1024 * 1024;
const { values } = parseArgs({
  options: {
    child: { type: 'string' },
    dir: { type: 'string' },
    api: { type: 'string' },
    count: { type: 'string' },
    size: { type: 'string' },
    write: { type: 'string' },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    repeat: { type: 'string' },
  },
});

/** CPU time (user + system) a process has used so far, from /proc (Linux), in ms; 0 where there is no /proc. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/** The simulator as its own process (`node out/main/simulator.js`), as IT and the e2e tests run it. */
async function startSimulatorProcess(bundleDir: string, durableDir?: string): Promise<{ url: string; child: ChildProcess }> {
  const prof = process.env.BENCH_CPU_PROF;
  const execArgv = prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`, `--cpu-prof-name=simulator${durableDir ? '-writing' : ''}.cpuprofile`] : [];
  const durable = durableDir ? ['--durable-dir', durableDir] : [];
  const child = spawn(process.execPath, [...execArgv, join(bundleDir, 'simulator.js'), '--port', '0', ...durable], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Simulator ready: (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`simulator exited (${code}): ${out}`)));
  });
  return { url, child };
}

/** The drain's two yardsticks: what the server does with each body it accepts. */
type ServerKind = 'discarding' | 'writing';

interface DrainSetup {
  server: ServerKind;
  /** The kiosk's outbox and sync engine, draining to `sim`. */
  kiosk: Worker;
  sim: { child: ChildProcess };
  /** The plain node:http server for this kind, and where it writes (emptied between lane counts). */
  plainServer: Worker;
  writeDirs: string[];
}

/** CPU ms per side summed over timed rounds, and the dossiers they sent, by contender. */
type CpuTally = Record<'kiosk' | 'plain' | 'same', { client: number; server: number; dossiers: number }>;

function emptyDir(d: string): void {
  for (const f of readdirSync(d)) rmSync(join(d, f), { force: true });
}

/**
 * (b) at one lane count against one kind of server: an untimed warm-up round, then `rounds`
 * rounds in which every contender sends the same dossiers, in an order that rotates.
 */
async function drainRows(
  setup: DrainSetup,
  client: Worker,
  lanes: number,
  n: { perRound: number; rounds: number; round: string },
  cpu: CpuTally,
): Promise<Row[]> {
  const { kiosk, plainServer } = setup;
  const serverUrl = (plainServer.ready as { url: string }).url;
  const contenders = {
    kiosk: (_manifest: string) => kiosk.call<number>({ op: 'drain', lanes }),
    plain: (manifest: string) => client.call<number>({ op: 'send', manifest, lanes, url: serverUrl }),
    same: (manifest: string) => kiosk.call<number>({ op: 'same-client', manifest, lanes }),
  };
  // Our own client against ourselves is a view of its own, beside the strict (discarding) yardstick only.
  const names = setup.server === 'discarding' ? (['kiosk', 'plain', 'same'] as const) : (['kiosk', 'plain'] as const);
  const sides = { kiosk: [kiosk.pid, setup.sim.child.pid!], plain: [client.pid, plainServer.pid], same: [kiosk.pid, setup.sim.child.pid!] };
  const timed = async (c: (typeof names)[number], manifest: string) => {
    const before = sides[c].map(cpuMs);
    const s = await contenders[c](manifest);
    const [clientMs, serverMs] = sides[c].map((pid, i) => cpuMs(pid) - before[i]!);
    cpu[c].client += clientMs!;
    cpu[c].server += serverMs!;
    cpu[c].dossiers += n.perRound;
    return s;
  };
  const warm = await kiosk.call<string>({ op: 'fill', round: `${n.round}-warm`, count: n.perRound, size: 64 * 1024 });
  for (const c of names) await contenders[c](warm);
  const seconds = { kiosk: [] as number[], plain: [] as number[], same: [] as number[] };
  for (let r = 0; r < n.rounds; r++) {
    const manifest = await kiosk.call<string>({ op: 'fill', round: `${n.round}-${r}`, count: n.perRound, size: 64 * 1024 });
    // Whoever runs later meets warmer caches: the order rotates every round.
    for (let j = 0; j < names.length; j++) {
      const c = names[(r + j) % names.length]!;
      seconds[c].push(await timed(c, manifest));
    }
  }
  for (const d of setup.writeDirs) emptyDir(d);
  const sum = (xs: number[]) => xs.reduce((t, x) => t + x, 0);
  const total = n.perRound * n.rounds;
  const rate = (xs: number[]) => `${(total / sum(xs)).toFixed(0)} dossiers/s`;
  const spread = (base: number[]) => {
    const rs = base.map((b, i) => b / seconds.kiosk[i]!).sort((x, y) => x - y);
    return `rounds ${rs[0]!.toFixed(2)}–${rs[rs.length - 1]!.toFixed(2)}×`;
  };
  const laneWord = `${lanes} lane${lanes > 1 ? 's' : ''}`;
  const vsPlain = sum(seconds.plain) / sum(seconds.kiosk);
  const rows: Row[] = [
    {
      measure: `(b) drain ${total}, ${laneWord}, server ${setup.server}`,
      ours: rate(seconds.kiosk),
      yardstick: `${rate(seconds.plain)} (plain node:http client → plain server ${setup.server === 'discarding' ? 'discarding each body' : 'writing each body with an fsync'})`,
      value: vsPlain,
      shown: ratio(vsPlain),
      target: { op: '≥', limit: 0.8, unit: '×' },
      note: spread(seconds.plain),
    },
  ];
  if (setup.server === 'discarding') {
    const vsSame = sum(seconds.same) / sum(seconds.kiosk);
    rows.push({
      measure: `(b) second view: ${laneWord}`,
      ours: rate(seconds.kiosk),
      yardstick: `${rate(seconds.same)} (our signed client → the simulator, no outbox)`,
      value: vsSame,
      shown: ratio(vsSame),
      target: { op: '≥', limit: 0.8, unit: '×' },
      note: spread(seconds.same),
    });
  }
  return rows;
}

/** Each row at its median repeat, with every repeat's figure beside it. */
function medianRows(repeats: Row[][]): Row[] {
  if (repeats.length === 1) return repeats[0]!;
  return repeats[0]!.map((first) => {
    const all = repeats.map((rows) => rows.find((r) => r.measure === first.measure)!);
    const sorted = [...all].sort((x, y) => x.value - y.value);
    const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
    return { ...median, note: `median of ${all.length}: ${all.map((r) => r.shown).join(', ')}` };
  });
}

async function main(): Promise<void> {
  switch (values.child) {
    case 'plain-server':
      return plainServerChild(values.write);
    case 'plain-client':
      return plainClientChild();
    case 'drain':
      return drainWorkerChild({ dir: values.dir!, api: values.api! });
    case 'rss-drain':
      await rssDrainChild({ dir: values.dir!, api: values.api!, count: Number(values.count), size: Number(values.size) });
      process.exit(0);
  }
  const quick = values.quick;
  const only = values.only ?? 'abc';
  const repeat = Number(values.repeat ?? process.env.BENCH_REPEAT ?? 1);
  if (!Number.isInteger(repeat) || repeat < 1 || repeat > 20) throw new Error(`--repeat (BENCH_REPEAT) must be a whole number from 1 to 20, not ${values.repeat ?? process.env.BENCH_REPEAT}`);
  const bundle = process.argv[1]!;
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-'));
  const children: ChildProcess[] = [];
  const workers: Worker[] = [];
  const log = (s: string) => process.stdout.write(`${s}\n`);
  const enqueueRuns = quick ? 40 : 500;
  const drainCount = quick ? 100 : 1000;
  const drainRounds = quick ? 2 : 4;
  const big = quick ? 200 : 2000;
  const loadBefore = loadavg();
  const startedAt = new Date();
  const byRepeat: Row[][] = [];
  const once: Row[] = [];
  const cpu: Record<ServerKind, Record<number, CpuTally>> = { discarding: {}, writing: {} };
  try {
    const sim = await startSimulatorProcess(dirname(bundle));
    children.push(sim.child);
    const setups: DrainSetup[] = [];
    let client: Worker | null = null;
    if (only.includes('b')) {
      const simWrites = join(dir, 'sim-writes');
      const plainWrites = join(dir, 'plain-writes');
      mkdirSync(simWrites, { recursive: true });
      mkdirSync(plainWrites, { recursive: true });
      const simWriting = await startSimulatorProcess(dirname(bundle), simWrites);
      children.push(simWriting.child);
      const start = async (role: string, args: string[]) => {
        const w = await startWorker(bundle, role, args);
        workers.push(w);
        return w;
      };
      setups.push(
        { server: 'discarding', kiosk: await start('drain', ['--dir', join(dir, 'b'), '--api', sim.url]), sim, plainServer: await start('plain-server', []), writeDirs: [] },
        {
          server: 'writing',
          kiosk: await start('drain', ['--dir', join(dir, 'bw'), '--api', simWriting.url]),
          sim: simWriting,
          plainServer: await start('plain-server', ['--write', plainWrites]),
          writeDirs: [simWrites, plainWrites],
        },
      );
      client = await start('plain-client', []);
    }

    for (let r = 0; r < repeat; r++) {
      const rows: Row[] = [];
      if (repeat > 1) log(`— repeat ${r + 1} of ${repeat} —`);
      if (only.includes('a')) {
        log('(a) durable enqueue: 2 attachments (100 KB + 300 KB) per dossier…');
        const a = await benchEnqueue(join(dir, `a${r}`), enqueueRuns, [100 * 1024, 300 * 1024]);
        rmSync(join(dir, `a${r}`), { recursive: true, force: true });
        const floor = 'plain SQLite + the same 4 fsyncs';
        rows.push(
          { measure: '(a) enqueue p50', ours: ms(a.ours.p50), yardstick: `${ms(a.raw.p50)} (${floor})`, value: a.ours.p50 / a.raw.p50, shown: ratio(a.ours.p50 / a.raw.p50), target: { op: '≤', limit: 1.5, unit: '×' } },
          { measure: '(a) enqueue p99', ours: ms(a.ours.p99), yardstick: `${ms(a.raw.p99)} (${floor})`, value: a.ours.p99 / a.raw.p99, shown: ratio(a.ours.p99 / a.raw.p99), target: { op: '≤', limit: 2, unit: '×' } },
          { measure: '(a) enqueue without encryption, p50', ours: ms(a.unencrypted.p50), yardstick: `${ms(a.raw.p50)} (${floor})`, value: a.unencrypted.p50 / a.raw.p50, shown: ratio(a.unencrypted.p50 / a.raw.p50), target: { op: '≤', limit: 1.5, unit: '×' } },
          {
            measure: '(a) cost of encryption, p50',
            ours: ms(a.ours.p50),
            yardstick: `${ms(a.unencrypted.p50)} (the same outbox without encryption; AES-256-GCM alone on these 400 KB: ${a.aes.p50.toFixed(2)} ms)`,
            value: a.ours.p50 / a.unencrypted.p50,
            shown: ratio(a.ours.p50 / a.unencrypted.p50),
            target: { op: '≤', limit: 1.25, unit: '×' },
          },
        );
      }
      if (client) {
        log(`(b) drain of ${drainCount} dossiers (2 × 64 KB each) at 1 and 2 lanes, the server discarding and writing each body: the kiosk → the simulator, plain node:http client → plain server, our signed client → the simulator…`);
        const perRound = Math.ceil(drainCount / drainRounds);
        for (const setup of setups) {
          for (const lanes of [1, 2]) {
            const tally = (cpu[setup.server][lanes] ??= { kiosk: { client: 0, server: 0, dossiers: 0 }, plain: { client: 0, server: 0, dossiers: 0 }, same: { client: 0, server: 0, dossiers: 0 } });
            rows.push(...(await drainRows(setup, client, lanes, { perRound, rounds: drainRounds, round: `${r}-${lanes}` }, tally)));
          }
        }
      }
      byRepeat.push(rows);
    }

    if (only.includes('c')) {
      log(`(c) peak RSS draining 20 and ${big} dossiers with a 1 MB attachment each (child process)…`);
      const small = await peakRssDuringDrain(bundle, join(dir, 'c20'), sim.url, 20, MB);
      const large = await peakRssDuringDrain(bundle, join(dir, 'cbig'), sim.url, big, MB);
      const growth = large.peakMb - small.peakMb;
      once.push({
        measure: `(c) peak RSS, ${big} × 1 MB vs 20`,
        ours: `${large.peakMb.toFixed(0)} MB`,
        yardstick: `${small.peakMb.toFixed(0)} MB`,
        value: growth,
        shown: `+${growth.toFixed(0)} MB`,
        target: { op: '≤', limit: 50, unit: ' MB' },
        note: 'one run',
      });
    }

    const rows = [...medianRows(byRepeat), ...once];
    const per = (t: { client: number; server: number; dossiers: number }) => (t.dossiers ? `${(t.client / t.dossiers).toFixed(2)} + ${(t.server / t.dossiers).toFixed(2)} ms` : '—');
    const cpuLines = (['discarding', 'writing'] as const).flatMap((kind) =>
      Object.entries(cpu[kind]).map(([lanes, t]) => `| ${kind} | ${lanes} | ${per(t.kiosk)} | ${per(t.same)} | ${per(t.plain)} |`),
    );
    const cpuTable = cpuLines.length
      ? ['', `CPU per dossier during the timed drains (client side + server side, from /proc; 10 ms ticks summed over every timed round${repeat > 1 ? ` of all ${repeat} repeats` : ''}):`, '', '| Server | Lanes | Kiosk → simulator | Our client → simulator | Plain client → plain server |', '|---|---|---|---|---|', ...cpuLines].join('\n')
      : '';
    const report = table(rows) + (cpuTable ? `\n${cpuTable}` : '');
    log('');
    log(report);
    log(`\n${rows.filter(met).length} of ${rows.length} targets met.`);
    const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ');
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GB RAM, Node ${process.version}, ${process.platform}; load average (1 / 5 / 15 min) ${load(loadBefore)} at the start, ${load(loadavg())} at the end`;
    log(`Machine: ${machine}`);
    if (!quick && only === 'abc') writeResults(report, machine, { startedAt, repeat, enqueueRuns, drainCount, drainRounds });
  } finally {
    for (const w of workers) await w.close();
    for (const c of children) c.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

function writeResults(report: string, machine: string, n: { startedAt: Date; repeat: number; enqueueRuns: number; drainCount: number; drainRounds: number }): void {
  const at = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');
  const repeats = n.repeat > 1 ? `${n.repeat} repeats of (a) and (b), each row the median repeat with every repeat listed; ` : 'one run; ';
  writeSection(
    join(process.cwd(), 'bench', 'RESULTS.md'),
    'outbox',
    `## Outbox (\`npm run bench\`)\n\nLast run ${at(n.startedAt)}–${at(new Date()).slice(11)} UTC: ${repeats}${n.enqueueRuns} enqueues per repeat; drains of ${n.drainCount} dossiers in ${n.drainRounds} rounds per lane count and server kind. Method: below (Method). Targets: drain ≥ 0.8× the plain pair at the same lane count; enqueue p99 ≤ 2× raw.\n\nMachine: ${machine}.\n\n${report}\n`,
  );
  process.stdout.write('\nWritten to bench/RESULTS.md\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
