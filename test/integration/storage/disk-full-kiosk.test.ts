import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxStatus } from '../../../common/contract/outbox';
import { startSimulator, type RunningSimulator } from '../../../simulator/server';
import { byLocalRef, requireBuilt, runToExit, simFaults, simLedger, startKiosk, webJs, workerJs, type KioskProcess } from '../../support/kiosk-process';
import { mountTmpfs, tmpfsAvailable, TMPFS_SKIP_REASON, type SmallDisk } from '../../support/tmpfs';

/**
 * The kiosk process (`out/main/web.js`) on a real small disk (a tmpfs) that another program fills
 * up while dossiers are queued and the API is away. When the API comes back every write the sync
 * engine makes fails with SQLITE_FULL: the kiosk must stay up and say so, start again on the full
 * disk without dying, and — once space is back — send every queued dossier exactly once.
 */
let sim: RunningSimulator;
let disk: SmallDisk | null = null;
let configDir: string;
const kiosks: KioskProcess[] = [];

beforeAll(() => requireBuilt(webJs, workerJs));
afterEach(async () => {
  for (const k of kiosks.splice(0)) await k.kill('SIGKILL');
  await sim?.close();
  disk?.unmount();
  disk = null;
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

const status = async (k: KioskProcess) => (await k.call<OutboxStatus>('outbox.status')).value!;
const count = (k: KioskProcess, re: RegExp) => (k.output().match(new RegExp(re.source, 'g')) ?? []).length;

describe.skipIf(!tmpfsAvailable)(`a kiosk whose disk fills up${TMPFS_SKIP_REASON}`, () => {
  it(
    'stays up while the disk is full and the API comes back, starts again on the full disk without dying, and sends every queued dossier exactly once when space returns',
    async () => {
      sim = await startSimulator({ port: 0 });
      disk = mountTmpfs(16 * 1024 * 1024)!;
      configDir = mkdtempSync(join(tmpdir(), 'kiosk-diskfull-config-'));
      const dataDir = join(disk.dir, 'data');

      // Three dossiers stored while the office was offline.
      const seeded = await runToExit(workerJs, ['--data', dataDir, '--api', sim.url, '--kiosk', 'KIOSK-DISK-01', '--no-sync', '--enqueue', '3']);
      expect(seeded.code, seeded.stderr).toBe(0);
      const told = [...seeded.stdout.matchAll(/^RECEIVED (\S+) /gm)].map((m) => m[1]!);
      expect(told).toHaveLength(3);

      await simFaults(sim.url, { mode: 'down' });
      // No free-space floor here: this is about the disk itself saying no.
      const config = { sync: { healthIntervalSeconds: 1 }, storage: { minFreeMegabytes: 0, minFreePercent: 0 } };
      let kiosk = await startKiosk({ dataDir, configDir, apiBaseUrl: sim.url, config });
      kiosks.push(kiosk);
      await kiosk.until('the API to be seen down', async () => (await status(kiosk)).online === false && count(kiosk, /"sync.retry_scheduled"|"provincial_api.request"/) > 0);

      disk.fill();
      await simFaults(sim.url, { mode: 'none' });
      await kiosk.until('the kiosk to say its storage is full', async () => (await status(kiosk)).storage.state === 'full');
      await kiosk.until('the engine to pause and try again', () => count(kiosk, /"sync.paused"/) >= 2);
      expect(kiosk.alive()).toBe(true);
      expect((await status(kiosk)).storage.acceptingDossiers).toBe(false);

      // A power cut (or IT restarting it) with the disk still full.
      await kiosk.kill('SIGKILL');
      kiosk = await startKiosk({ dataDir, configDir, apiBaseUrl: sim.url, config });
      kiosks.push(kiosk);
      await kiosk.until('the restarted kiosk to say its storage is full', async () => (await status(kiosk)).storage.state === 'full');
      await kiosk.until('the restarted engine to pause twice', () => count(kiosk, /"sync.paused"/) >= 2);
      expect(kiosk.alive()).toBe(true);
      // Status lookup still answers from what the kiosk holds.
      const lookup = await kiosk.call<{ kind: string }>('lookup.status', { reference: told[0] });
      expect(lookup.ok).toBe(true);

      disk.unfill();
      await kiosk.until(
        'every dossier to be accepted',
        async () => {
          const s = await status(kiosk);
          return s.waiting + s.sending === 0 && s.storage.state === 'ok';
        },
        60_000,
      );
      const refs = byLocalRef(await simLedger(sim.url));
      for (const ref of told) expect(refs.get(ref), ref).toHaveLength(1);
      expect(refs.size).toBe(told.length);
      expect(kiosk.alive()).toBe(true);
      expect(kiosk.output()).not.toMatch(/process\.uncaught_exception|Kiosk failed to start/);
    },
    120_000, // Long: a kiosk process filling a real tmpfs, then a drain.
  );
});
