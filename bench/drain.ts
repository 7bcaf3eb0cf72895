import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DossierSubmission } from '../common/domain/dossier';
import { buildLogger, silentLogger } from '../main/log';
import { uuidv7 } from '../main/services/outbox/ids';
import { dataKeyFrom } from '../main/keys/data-key';
import { buildOutbox, type Outbox } from '../main/services/outbox/outbox';
import { buildDeviceClient, type DeviceClient } from '../main/services/provincial-api/device-client';
import { buildSyncEngine } from '../main/services/sync/engine';
import { openDatabase } from '../main/store/db';
import { demoRequestCore } from '../demo/demo-device';
import { attachment, makeFiles, payload } from './fixtures';
import type { ManifestDossier } from './plain-http';
import { serveWorker } from './workers';

/** The outbox encrypted as a kiosk's is; the key lives only as long as the process. */
const benchKey = dataKeyFrom(randomBytes(32));

export async function openBenchOutbox(dataDir: string): Promise<Outbox> {
  return buildOutbox({
    db: openDatabase(dataDir, { encryption: { key: benchKey.bytes } }),
    dataDir,
    clock: { now: Date.now },
    kioskId: 'BENCH',
    dataKeys: { current: benchKey, next: null },
  });
}

/** BENCH_LOG=1: the drain's own log (requests, retries) on stderr, to see why a drain is slow or stuck. */
const benchLogger = process.env.BENCH_LOG ? buildLogger({ component: 'bench-drain', level: 'info' }) : silentLogger;

const deviceClient = (apiUrl: string): DeviceClient => buildDeviceClient(demoRequestCore(apiUrl, { timeoutMs: 30_000, logger: benchLogger }));

/**
 * Enqueues `count` dossiers, each with `perDossier` distinct files of `size` bytes. The source
 * files are moved to `keepDir` when given (the yardsticks send those plain copies), else deleted.
 */
export async function enqueueDossiers(outbox: Outbox, srcDir: string, count: number, size: number, perDossier: number, keepDir?: string): Promise<Array<{ localRef: string; sources: string[] }>> {
  const out: Array<{ localRef: string; sources: string[] }> = [];
  if (keepDir) mkdirSync(keepDir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const files = makeFiles(srcDir, perDossier, size);
    const r = await outbox.enqueue({ kind: 'dossier', payload, attachments: files.map(attachment) });
    if (!r.ok) throw new Error(`enqueue failed: ${r.error.code}`);
    const sources = files.map((f, j) => {
      const kept = keepDir ? join(keepDir, `${i}-${j}`) : f;
      if (keepDir) renameSync(f, kept);
      return kept;
    });
    if (!keepDir) for (const f of files) rmSync(f);
    out.push({ localRef: r.value.localRef, sources });
  }
  return out;
}

/**
 * Drains everything queued with the kiosk's own sync engine (`lanes` deliveries in parallel);
 * resolves with the seconds from start until the last acceptance is recorded.
 */
export async function drainAll(outbox: Outbox, api: DeviceClient, lanes: number): Promise<number> {
  const total = outbox.activeCounts().queued;
  let accepted = 0;
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  // Told at the moment each acceptance is committed: no polling between the clock and the work.
  const counted: Outbox = {
    ...outbox,
    markAccepted: (...args: Parameters<Outbox['markAccepted']>) => {
      const changed = outbox.markAccepted(...args);
      if (changed && ++accepted === total) done();
      return changed;
    },
  };
  const phases = process.env.BENCH_PHASES ? tracePhases(counted, api) : null;
  const engine = buildSyncEngine({ outbox: phases?.outbox ?? counted, api: phases?.api ?? api, clock: { now: Date.now }, logger: benchLogger, concurrency: lanes });
  const started = performance.now();
  engine.start();
  if (total > 0) await finished;
  const seconds = (performance.now() - started) / 1000;
  phases?.report(total, seconds);
  await engine.stop();
  if (outbox.counts().needs_attention > 0) throw new Error('some dossiers were refused');
  return seconds;
}

/**
 * The drain's second view (against ourselves): the same dossiers sent by a plain loop with the
 * kiosk's own signed client to the same simulator — upload each attachment, post the dossier,
 * nothing read from or written to SQLite, no check of the files against the record. It posts
 * under fresh keys, so the simulator does the same work as for the outbox.
 */
async function sameClientLoop(api: DeviceClient, work: ManifestDossier[], lanes: number): Promise<number> {
  const items = work.map((d) => {
    const body = JSON.parse(d.body) as { localRef: string; submission: unknown };
    return { ...d, localRef: `${body.localRef}-P`, submission: DossierSubmission.parse(body.submission) };
  });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        for (const f of item.files) if (!(await api.upload({ sha256: f.sha256, size: f.size, open: () => createReadStream(f.path) })).ok) throw new Error('upload failed');
        const r = await api.submitDossier(uuidv7(Date.now()), { localRef: item.localRef, submission: item.submission });
        if (!r.ok) throw new Error('submit failed');
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

/**
 * `--child drain`: the kiosk side of (b), kept up across rounds. `fill` enqueues a round's
 * dossiers (untimed) and writes the manifest the yardsticks send: the same plain bytes and the
 * exact JSON body the kiosk posts. `drain` and `same-client` are timed.
 */
export async function drainWorkerChild(args: { dir: string; api: string }): Promise<void> {
  const outbox = await openBenchOutbox(join(args.dir, 'data'));
  const api = deviceClient(args.api);
  serveWorker({
    async fill(r) {
      const round = r.round as string;
      const made = await enqueueDossiers(outbox, join(args.dir, 'src'), r.count as number, r.size as number, 2, join(args.dir, 'plain', round));
      const manifest: ManifestDossier[] = made.map(({ localRef, sources }) => {
        const d = outbox.deliveryFor(localRef)!;
        return {
          files: d.attachments.map((a, j) => ({ path: sources[j]!, size: a.size, sha256: a.sha256 })),
          body: JSON.stringify({ localRef, submission: d.submission }),
          idempotencyKey: d.item.idempotencyKey,
        };
      });
      const file = join(args.dir, `manifest-${round}.json`);
      writeFileSync(file, JSON.stringify(manifest));
      return file;
    },
    drain: (r) => drainAll(outbox, api, r.lanes as number),
    'same-client': (r) => sameClientLoop(api, JSON.parse(readFileSync(r.manifest as string, 'utf8')) as ManifestDossier[], r.lanes as number),
  });
}

/** (c) Runs a drain in a child process and samples its resident memory from /proc. */
export async function peakRssDuringDrain(bundle: string, dir: string, apiUrl: string, count: number, size: number) {
  const child = spawn(process.execPath, [bundle, '--child', 'rss-drain', '--dir', dir, '--api', apiUrl, '--count', String(count), '--size', String(size)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let peak = 0;
  let sampling = false;
  const sample = () => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
      if (sampling) peak = Math.max(peak, kb);
    } catch {
      // The child has just exited.
    }
  };
  const timer = setInterval(sample, 20);
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (!sampling && out.includes('DRAIN_START')) sampling = true;
  });
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  clearInterval(timer);
  if (code !== 0) throw new Error(`drain child failed: ${out}`);
  return { peakMb: peak / 1024 };
}

/** Child side of (c). */
export async function rssDrainChild(args: { dir: string; api: string; count: number; size: number }): Promise<void> {
  const outbox = await openBenchOutbox(join(args.dir, 'data'));
  await enqueueDossiers(outbox, join(args.dir, 'src'), args.count, args.size, 1);
  global.gc?.();
  process.stdout.write(`DRAIN_START rss=${process.memoryUsage().rss}\n`);
  const seconds = await drainAll(outbox, deviceClient(args.api), 2);
  process.stdout.write(`DRAIN_END seconds=${seconds.toFixed(2)}\n`);
}

/**
 * BENCH_PHASES=1: where a drain's wall time goes, phase by phase (summed over lanes), printed per
 * drain: the outbox's claim and accept, each upload and post as the sync engine awaits them, and
 * the rest (the engine's own scheduling between them).
 */
function tracePhases(outbox: Outbox, api: DeviceClient) {
  const spent = new Map<string, number>();
  const add = (k: string, ms: number) => spent.set(k, (spent.get(k) ?? 0) + ms);
  const timedSync = <A extends unknown[], R>(k: string, fn: (...a: A) => R) => (...a: A): R => {
    const t = performance.now();
    try {
      return fn(...a);
    } finally {
      add(k, performance.now() - t);
    }
  };
  const timed = <A extends unknown[], R>(k: string, fn: (...a: A) => Promise<R>) => async (...a: A): Promise<R> => {
    const t = performance.now();
    try {
      return await fn(...a);
    } finally {
      add(k, performance.now() - t);
    }
  };
  return {
    outbox: { ...outbox, claimNext: timedSync('claim', outbox.claimNext), markAccepted: timedSync('accept', outbox.markAccepted), fileProblem: timedSync('fileProblem', outbox.fileProblem) },
    api: { ...api, upload: timed('upload', api.upload), submitDossier: timed('submit', api.submitDossier) },
    report(n: number, seconds: number) {
      const parts = [...spent].map(([k, v]) => `${k} ${(v / n).toFixed(2)}`).join(', ');
      process.stderr.write(`phases per dossier (ms, summed over lanes): wall ${((seconds * 1000) / n).toFixed(2)}; ${parts}\n`);
      spent.clear();
    },
  };
}
