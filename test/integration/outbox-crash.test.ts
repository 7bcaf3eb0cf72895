import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimLedger } from '../../common/provincial/dossier-schemas';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { tempDir } from './outbox/fixtures';
import { kioskAttachmentName, openKioskDb } from '../support/data-key';

/**
 * Kill the kiosk backend with SIGKILL at random moments — while it stores a dossier, while it
 * uploads, after the API committed but before the kiosk recorded it — and check afterwards that
 * every dossier the citizen was told was received is at the API exactly once, with the right
 * attachments, and that the database is intact. The worker is the built
 * `out/main/outbox-worker.js` (`npm test` builds first).
 */
const worker = resolve(process.env.KIOSK_OUT ?? 'out', 'main', 'outbox-worker.js');
const TRIALS_PER_LANE = 55;
const LANES = 2;
/** Fewer dossiers told than this per lane means the trials did not exercise enough. */
const MIN_TOLD = 20;

let sim: RunningSimulator;
beforeAll(async () => {
  if (!existsSync(worker)) throw new Error(`${worker} is missing: build first (npx electron-vite build)`);
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => sim?.close());

/** Runs the worker; with `killAfterMs`, SIGKILLs it that long after it said READY (or at once if negative: mid-startup). */
function run(args: string[], killAfterMs: number | null): Promise<{ out: string; killed: boolean }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [worker, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    if (killAfterMs !== null && killAfterMs < 0) timer = setTimeout(() => child.kill('SIGKILL'), -killAfterMs);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (killAfterMs !== null && killAfterMs >= 0 && timer === null && out.includes('READY')) {
        timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const limit = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      clearTimeout(limit);
      if (signal === 'SIGKILL' && killAfterMs !== null) return ok({ out, killed: true });
      if (code !== 0) return fail(new Error(`worker exited ${code ?? signal}: ${err}`));
      ok({ out, killed: false });
    });
  });
}

async function lane(name: string): Promise<{ told: Map<string, string>; dataDir: string; cleanup: () => void }> {
  const tmp = tempDir(`kiosk-crash-${name}-`);
  const dataDir = join(tmp.dir, 'data');
  const args = ['--data', dataDir, '--api', sim.url, '--kiosk', `CRASH-${name}`];
  const told = new Map<string, string>();
  // A slow machine tells fewer citizens per trial (the kill comes at a random time after READY):
  // go on past TRIALS_PER_LANE until enough dossiers were told about, so the check below is not
  // a race against the machine's load.
  for (let trial = 0; trial < TRIALS_PER_LANE || (told.size <= MIN_TOLD && trial < 3 * TRIALS_PER_LANE); trial++) {
    // One trial in ten dies during startup (opening, migrating, recovering); the rest anywhere
    // while storing new dossiers and sending queued ones.
    const killAt = trial % 10 === 0 ? -(30 + Math.floor(Math.random() * 200)) : Math.floor(Math.random() * 400);
    const { out } = await run([...args, '--enqueue', '4'], killAt);
    for (const m of out.matchAll(/^RECEIVED (\S+) (\S+)$/gm)) told.set(m[1]!, m[2]!);
  }
  return { told, dataDir, cleanup: tmp.cleanup };
}

describe('crash safety', () => {
  it(
    `after ${TRIALS_PER_LANE * LANES} SIGKILLs every dossier a citizen was told was received is at the API exactly once, with its attachments, and the database is intact`,
    async () => {
      // Answers delayed and dropped after the API committed make the "committed but not heard" window wide.
      await fetch(`${sim.url}/__sim/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mode: 'flaky', dropResponseRate: 0.2, responseLatencyMs: 40, errorRate: 0.05, dropRequestRate: 0.05 }),
      });
      const lanes = await Promise.all(Array.from({ length: LANES }, (_, i) => lane(String(i + 1))));
      await fetch(`${sim.url}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"mode":"none"}' });

      const ledger = SimLedger.parse(await (await fetch(`${sim.url}/__sim/ledger`)).json());
      const byRef = new Map<string, typeof ledger.dossiers>();
      for (const d of ledger.dossiers) byRef.set(d.localRef, [...(byRef.get(d.localRef) ?? []), d]);

      for (const { told, dataDir, cleanup } of lanes) {
        const drained = await run(['--data', dataDir, '--api', sim.url, '--enqueue', '0'], null);
        expect(drained.out).toMatch(/DRAINED accepted=\d+ needs_attention=0/);
        const after = SimLedger.parse(await (await fetch(`${sim.url}/__sim/ledger`)).json());
        const refs = new Map<string, typeof after.dossiers>();
        for (const d of after.dossiers) refs.set(d.localRef, [...(refs.get(d.localRef) ?? []), d]);

        expect(told.size).toBeGreaterThan(MIN_TOLD);
        for (const [localRef, hashes] of told) {
          const found = refs.get(localRef) ?? [];
          expect(found, localRef).toHaveLength(1);
          expect(found[0]!.attachments.map((a) => a.sha256).sort().join(',')).toBe(hashes);
        }
        // Nothing at the API twice, told or not.
        for (const [localRef, found] of refs) expect(found, localRef).toHaveLength(1);

        // Every file of a dossier the citizen was told about is still on the kiosk, under its
        // final name; what killed stores left (temp copies, uncommitted pending names) is gone.
        const kept = readdirSync(join(dataDir, 'attachments'));
        const nameOf = kioskAttachmentName(dataDir);
        for (const hashes of told.values()) for (const sha of hashes.split(',')) expect(kept, sha).toContain(nameOf(sha));
        expect(kept.filter((n) => n.startsWith('.'))).toEqual([]);

        const db = openKioskDb(dataDir);
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const rows = db.prepare("SELECT local_ref, remote_code FROM outbox WHERE state = 'accepted'").all() as Array<{ local_ref: string; remote_code: string }>;
        for (const r of rows) expect(refs.get(r.local_ref)?.[0]?.dossierCode, r.local_ref).toBe(r.remote_code);
        db.close();
        cleanup();
      }
      expect(byRef.size).toBeGreaterThan(0);
      // The interesting window was really hit: the API answered a re-sent key from its first commit.
      const final = SimLedger.parse(await (await fetch(`${sim.url}/__sim/ledger`)).json());
      expect(final.replays).toBeGreaterThan(0);
    },
    290_000, // Long: 110 SIGKILLed worker processes in two lanes, then a drain each.
  );
});
