import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
 * their own (1 and 2 lanes), and, as a second view, vs our own signed client; (c) peak RSS of a
 * drain of 2,000 × 1 MB vs 20 × 1 MB.
 */
const MB = 1024 * 1024;
const { values } = parseArgs({
  options: {
    child: { type: 'string' },
    dir: { type: 'string' },
    api: { type: 'string' },
    count: { type: 'string' },
    size: { type: 'string' },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
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
async function startSimulatorProcess(bundleDir: string): Promise<{ url: string; child: ChildProcess }> {
  const prof = process.env.BENCH_CPU_PROF;
  const execArgv = prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`, '--cpu-prof-name=simulator.cpuprofile'] : [];
  const child = spawn(process.execPath, [...execArgv, join(bundleDir, 'simulator.js'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
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

async function main(): Promise<void> {
  switch (values.child) {
    case 'plain-server':
      return plainServerChild();
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
  const bundle = process.argv[1]!;
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-'));
  const sim = await startSimulatorProcess(dirname(bundle));
  const workers: Worker[] = [];
  const log = (s: string) => process.stdout.write(`${s}\n`);
  const rows: Row[] = [];
  const cpuNotes: string[] = [];
  const enqueueRuns = quick ? 40 : 500;
  const drainCount = quick ? 100 : 1000;
  const drainRounds = quick ? 2 : 4;
  const big = quick ? 200 : 2000;
  try {
    if (only.includes('a')) {
      log('(a) durable enqueue: 2 attachments (100 KB + 300 KB) per dossier…');
      const a = await benchEnqueue(join(dir, 'a'), enqueueRuns, [100 * 1024, 300 * 1024]);
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

    if (only.includes('b')) {
      log(`(b) drain of ${drainCount} dossiers (2 × 64 KB each) at 1 and 2 lanes: the kiosk → the simulator, plain node:http client → plain server, our signed client → the simulator…`);
      const kiosk = await startWorker(bundle, 'drain', ['--dir', join(dir, 'b'), '--api', sim.url]);
      workers.push(kiosk);
      const server = await startWorker(bundle, 'plain-server');
      workers.push(server);
      const serverUrl = (server.ready as { url: string }).url;
      const client = await startWorker(bundle, 'plain-client');
      workers.push(client);
      const perRound = Math.ceil(drainCount / drainRounds);
      for (const lanes of [1, 2]) {
        const contenders = {
          kiosk: (_manifest: string) => kiosk.call<number>({ op: 'drain', lanes }),
          plain: (manifest: string) => client.call<number>({ op: 'send', manifest, lanes, url: serverUrl }),
          same: (manifest: string) => kiosk.call<number>({ op: 'same-client', manifest, lanes }),
        };
        const names = ['kiosk', 'plain', 'same'] as const;
        // Which processes do each contender's work: its client side and its server side.
        const sides = { kiosk: [kiosk.pid, sim.child.pid!], plain: [client.pid, server.pid], same: [kiosk.pid, sim.child.pid!] };
        const cpu = { kiosk: [0, 0], plain: [0, 0], same: [0, 0] };
        const timed = async (n: (typeof names)[number], manifest: string) => {
          const before = sides[n].map(cpuMs);
          const s = await contenders[n](manifest);
          sides[n].forEach((pid, i) => (cpu[n][i]! += cpuMs(pid) - before[i]!));
          return s;
        };
        // An untimed warm-up round of each: JIT, connection pools, the simulator's maps.
        const warm = await kiosk.call<string>({ op: 'fill', round: `warm-${lanes}`, count: perRound, size: 64 * 1024 });
        for (const n of names) await contenders[n](warm);
        const seconds = { kiosk: [] as number[], plain: [] as number[], same: [] as number[] };
        for (let r = 0; r < drainRounds; r++) {
          const manifest = await kiosk.call<string>({ op: 'fill', round: `${lanes}-${r}`, count: perRound, size: 64 * 1024 });
          // Whoever runs later meets warmer caches: the order rotates every round.
          for (let j = 0; j < names.length; j++) {
            const n = names[(r + j) % names.length]!;
            seconds[n].push(await timed(n, manifest));
          }
        }
        const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
        const n = perRound * drainRounds;
        const rate = (xs: number[]) => `${(n / sum(xs)).toFixed(0)} dossiers/s`;
        const spread = (base: number[]) => {
          const rs = base.map((b, i) => b / seconds.kiosk[i]!).sort((x, y) => x - y);
          return `rounds ${rs[0]!.toFixed(2)}–${rs[rs.length - 1]!.toFixed(2)}×`;
        };
        const perDossier = (c: number[]) => `${(c[0]! / n).toFixed(2)} + ${(c[1]! / n).toFixed(2)} ms`;
        cpuNotes.push(
          `| ${lanes} | ${perDossier(cpu.kiosk)} | ${perDossier(cpu.same)} | ${perDossier(cpu.plain)} |`,
        );
        const vsPlain = sum(seconds.plain) / sum(seconds.kiosk);
        const vsSame = sum(seconds.same) / sum(seconds.kiosk);
        rows.push(
          {
            measure: `(b) drain ${n}, ${lanes} lane${lanes > 1 ? 's' : ''}`,
            ours: rate(seconds.kiosk),
            yardstick: `${rate(seconds.plain)} (plain node:http client → plain server, separate processes)`,
            value: vsPlain,
            shown: ratio(vsPlain),
            target: { op: '≥', limit: 0.8, unit: '×' },
            note: spread(seconds.plain),
          },
          {
            measure: `(b) second view: ${lanes} lane${lanes > 1 ? 's' : ''}`,
            ours: rate(seconds.kiosk),
            yardstick: `${rate(seconds.same)} (our signed client → the simulator, no outbox)`,
            value: vsSame,
            shown: ratio(vsSame),
            target: { op: '≥', limit: 0.8, unit: '×' },
            note: spread(seconds.same),
          },
        );
      }
    }

    if (only.includes('c')) {
      log(`(c) peak RSS draining 20 and ${big} dossiers with a 1 MB attachment each (child process)…`);
      const small = await peakRssDuringDrain(bundle, join(dir, 'c20'), sim.url, 20, MB);
      const large = await peakRssDuringDrain(bundle, join(dir, 'cbig'), sim.url, big, MB);
      const growth = large.peakMb - small.peakMb;
      rows.push({
        measure: `(c) peak RSS, ${big} × 1 MB vs 20`,
        ours: `${large.peakMb.toFixed(0)} MB`,
        yardstick: `${small.peakMb.toFixed(0)} MB`,
        value: growth,
        shown: `+${growth.toFixed(0)} MB`,
        target: { op: '≤', limit: 50, unit: ' MB' },
      });
    }

    const cpuTable = cpuNotes.length
      ? ['', 'CPU per dossier during the timed drains (client side + server side, from /proc; 10 ms ticks over whole rounds):', '', '| Lanes | Kiosk → simulator | Our client → simulator | Plain client → plain server |', '|---|---|---|---|', ...cpuNotes].join('\n')
      : '';
    const report = table(rows) + (cpuTable ? `\n${cpuTable}` : '');
    log('');
    log(report);
    log(`\n${rows.filter(met).length} of ${rows.length} targets met.`);
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GB RAM, Node ${process.version}, ${process.platform}, load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`;
    log(`Machine: ${machine}`);
    if (!quick && only === 'abc') writeResults(report, machine, { enqueueRuns, drainCount, drainRounds });
  } finally {
    for (const w of workers) await w.close();
    sim.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

function writeResults(report: string, machine: string, n: { enqueueRuns: number; drainCount: number; drainRounds: number }): void {
  writeSection(
    join(process.cwd(), 'bench', 'RESULTS.md'),
    'outbox',
    `## Outbox (\`npm run bench\`)\n\nLast run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${n.enqueueRuns} enqueues; drains of ${n.drainCount} dossiers in ${n.drainRounds} rounds per lane count.\n\nMachine: ${machine}.\n\n${report}\n`,
  );
  process.stdout.write('\nWritten to bench/RESULTS.md\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
