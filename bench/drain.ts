import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DossierSubmission } from '../common/domain/dossier';
import { silentLogger } from '../main/log';
import { uuidv7 } from '../main/services/outbox/ids';
import { dataKeyFrom } from '../main/keys/data-key';
import { buildOutbox, type Outbox } from '../main/services/outbox/outbox';
import { createDeviceClient } from '../main/services/provincial-api/device-client';
import { buildSyncEngine } from '../main/services/sync/engine';
import { openDatabase } from '../main/store/db';
import { DEMO_DEVICE } from '../simulator/seed/devices';
import { attachment, makeFiles, payload } from './fixtures';

const CONCURRENCY = 2;
/** The outbox encrypted as a kiosk's is; the key lives only as long as the run. */
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

/** Enqueues `count` dossiers, each with `perDossier` distinct files of `size` bytes; returns their references. */
export async function enqueueDossiers(outbox: Outbox, srcDir: string, count: number, size: number, perDossier: number): Promise<string[]> {
  const refs: string[] = [];
  for (let i = 0; i < count; i++) {
    const files = makeFiles(srcDir, perDossier, size);
    const r = await outbox.enqueue({ kind: 'dossier', payload, attachments: files.map(attachment) });
    if (!r.ok) throw new Error(`enqueue failed: ${r.error.code}`);
    refs.push(r.value.localRef);
    for (const f of files) rmSync(f);
  }
  return refs;
}

export async function fillOutbox(dataDir: string, srcDir: string, count: number, size: number, perDossier: number): Promise<Outbox> {
  const outbox = await openBenchOutbox(dataDir);
  await enqueueDossiers(outbox, srcDir, count, size, perDossier);
  return outbox;
}

/** Drains everything queued; resolves with the seconds it took. */
export async function drainAll(outbox: Outbox, apiUrl: string): Promise<number> {
  const engine = buildSyncEngine({
    outbox,
    api: createDeviceClient({ baseUrl: apiUrl, timeoutMs: 30_000, device: DEMO_DEVICE, logger: silentLogger }),
    clock: { now: Date.now },
    logger: silentLogger,
    concurrency: CONCURRENCY,
  });
  const started = performance.now();
  engine.start();
  const pending = () => {
    const c = outbox.activeCounts();
    return c.queued + c.sending;
  };
  while (pending() > 0) await new Promise((r) => setTimeout(r, 5));
  const seconds = (performance.now() - started) / 1000;
  await engine.stop();
  if (outbox.counts().needs_attention > 0) throw new Error('some dossiers were refused');
  return seconds;
}

/**
 * (b)'s yardstick: the same bytes sent by a plain loop — upload each attachment, post the dossier,
 * nothing read from or written to SQLite while it runs — with the same client and the same number
 * of parallel lanes. It posts under fresh keys, so the simulator does the same work as for the outbox.
 */
export async function plainLoop(outbox: Outbox, apiUrl: string, localRefs: readonly string[]): Promise<number> {
  const api = createDeviceClient({ baseUrl: apiUrl, timeoutMs: 30_000, device: DEMO_DEVICE, logger: silentLogger });
  // The plain loop streams plain files: the documents' bytes copied out of the (sealed) store
  // before its clock starts, sent with no check against the record, as the yardstick should.
  const plainDir = join(outbox.files.dir, '..', 'plain-copies');
  mkdirSync(plainDir, { recursive: true });
  const work: Array<{ localRef: string; attachments: Array<{ sha256: string; size: number; open(): ReturnType<typeof createReadStream> }>; submission: DossierSubmission }> = [];
  for (const localRef of localRefs) {
    const d = outbox.deliveryFor(localRef)!;
    for (const a of d.attachments) {
      if (!existsSync(join(plainDir, a.sha256))) await pipeline(a.open(), createWriteStream(join(plainDir, a.sha256)));
    }
    const attachments = d.attachments.map((a) => ({ ...a, open: () => createReadStream(join(plainDir, a.sha256)) }));
    work.push({ localRef, attachments, submission: DossierSubmission.parse(d.submission) });
  }
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < work.length) {
        const item = work[next++]!;
        for (const f of item.attachments) if (!(await api.upload(f)).ok) throw new Error('upload failed');
        const r = await api.submitDossier(uuidv7(Date.now()), { localRef: `${item.localRef}-P`, submission: item.submission });
        if (!r.ok) throw new Error('submit failed');
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

/**
 * (b) The outbox drain against the plain loop over the same dossiers. Whichever runs later meets
 * a warmer JIT, simulator and connection pool (up to 25% faster here), so both first run an
 * untimed warm-up round, then `rounds` timed rounds alternate who goes first. Returns seconds.
 */
export async function benchDrain(dir: string, apiUrl: string, total: number, rounds: number, size: number) {
  const outbox = await openBenchOutbox(join(dir, 'data'));
  const src = join(dir, 'src');
  const warm = await enqueueDossiers(outbox, src, Math.ceil(total / rounds), size, 2);
  await drainAll(outbox, apiUrl);
  await plainLoop(outbox, apiUrl, warm);
  let engine = 0;
  let plain = 0;
  for (let r = 0; r < rounds; r++) {
    const refs = await enqueueDossiers(outbox, src, Math.ceil(total / rounds), size, 2);
    if (r % 2 === 0) {
      engine += await drainAll(outbox, apiUrl);
      plain += await plainLoop(outbox, apiUrl, refs);
    } else {
      plain += await plainLoop(outbox, apiUrl, refs);
      engine += await drainAll(outbox, apiUrl);
    }
  }
  return { engine, plain };
}

/** (c) Runs a drain in a child process and samples its resident memory from /proc. */
export async function peakRssDuringDrain(bundle: string, dir: string, apiUrl: string, count: number, size: number) {
  const child = spawn(process.execPath, [bundle, '--child', 'drain', '--dir', dir, '--api', apiUrl, '--count', String(count), '--size', String(size)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let peak = 0;
  let baseline = 0;
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
    if (!sampling && out.includes('DRAIN_START')) {
      sampling = true;
      baseline = Number(/DRAIN_START rss=(\d+)/.exec(out)?.[1] ?? 0);
    }
  });
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  clearInterval(timer);
  if (code !== 0) throw new Error(`drain child failed: ${out}`);
  const seconds = Number(/DRAIN_END seconds=([\d.]+)/.exec(out)?.[1] ?? NaN);
  return { peakMb: peak / 1024, startMb: baseline / 1024 / 1024, seconds };
}

/** Child side of (c). */
export async function drainChild(args: { dir: string; api: string; count: number; size: number }): Promise<void> {
  const outbox = await fillOutbox(join(args.dir, 'data'), join(args.dir, 'src'), args.count, args.size, 1);
  global.gc?.();
  process.stdout.write(`DRAIN_START rss=${process.memoryUsage().rss}\n`);
  const seconds = await drainAll(outbox, args.api);
  process.stdout.write(`DRAIN_END seconds=${seconds.toFixed(2)}\n`);
}
