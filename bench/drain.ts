import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DossierSubmission } from '../common/domain/dossier';
import { silentLogger } from '../main/log';
import { uuidv7 } from '../main/services/outbox/ids';
import { buildOutbox, type Outbox } from '../main/services/outbox/outbox';
import { createDeviceClient } from '../main/services/provincial-api/device-client';
import { buildSyncEngine } from '../main/services/sync/engine';
import { openDatabase } from '../main/store/db';
import { DEMO_DEVICE } from '../simulator/seed/devices';
import { attachment, makeFiles, payload } from './fixtures';

const CONCURRENCY = 2;

export async function fillOutbox(dataDir: string, srcDir: string, count: number, size: number, perDossier: number): Promise<Outbox> {
  const db = openDatabase(dataDir);
  const outbox = await buildOutbox({ db, dataDir, clock: { now: Date.now }, kioskId: 'BENCH' });
  for (let i = 0; i < count; i++) {
    const files = makeFiles(srcDir, perDossier, size);
    const r = await outbox.enqueue({ kind: 'dossier', payload, attachments: files.map(attachment) });
    if (!r.ok) throw new Error(`enqueue failed: ${r.error.code}`);
    for (const f of files) rmSync(f);
  }
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
  for (;;) {
    const c = outbox.counts();
    if (c.queued + c.sending === 0) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const seconds = (performance.now() - started) / 1000;
  await engine.stop();
  if (outbox.counts().needs_attention > 0) throw new Error('some dossiers were refused');
  return seconds;
}

/**
 * (b)'s yardstick: the same bytes sent by a plain loop — upload each attachment, post the dossier,
 * nothing recorded — with the same client and the same number of parallel lanes.
 */
export async function plainLoop(outbox: Outbox, apiUrl: string): Promise<number> {
  const api = createDeviceClient({ baseUrl: apiUrl, timeoutMs: 30_000, device: DEMO_DEVICE, logger: silentLogger });
  let page = outbox.list({ state: 'accepted', limit: 200 });
  const all = [...page];
  while (page.length === 200) {
    page = outbox.list({ state: 'accepted', limit: 200, beforeId: page[page.length - 1]!.id });
    all.push(...page);
  }
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < all.length) {
        const item = all[next++]!;
        const d = outbox.deliveryFor(item.localRef)!;
        for (const f of d.attachments) if (!(await api.upload(f)).ok) throw new Error('upload failed');
        const submission = DossierSubmission.parse(d.submission);
        const r = await api.submitDossier(uuidv7(Date.now()), { localRef: `${item.localRef}-P`, submission });
        if (!r.ok) throw new Error('submit failed');
      }
    }),
  );
  return (performance.now() - started) / 1000;
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
