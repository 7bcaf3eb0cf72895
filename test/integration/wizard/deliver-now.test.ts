import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/log';
import { deliverNowVia } from '../../../main/services/dossiers/deliver-now';
import { buildOutbox, type Outbox } from '../../../main/services/outbox/outbox';
import { buildDeviceClient } from '../../../main/services/provincial-api/device-client';
import { buildSyncEngine, type SyncEngine } from '../../../main/services/sync/engine';
import { openDatabase, type Db } from '../../../main/store/db';
import { demoRequestCore } from '../../../demo/demo-device';
import { startSimulator, type RunningSimulator } from '../../../simulator/server';
import { testDataKeys, testEncryption } from '../../support/data-key';
import { byLocalRef, simFaults, simLedger } from '../../support/kiosk-process';
import { makeAttachments, samplePayload, tempDir } from '../outbox/fixtures';

/**
 * "Nộp hồ sơ" stores the dossier first, then waits a little for the API's dossier code. When the
 * kiosk already knows the API is not there (its health check or a delivery could not reach it, or
 * the circuit is open), that wait is pointless: the citizen is told "saved, will be sent" at once.
 * The real outbox and sync engine against the real simulator, stopped or not answering at all (a
 * pulled cable: every request waits for its timeout). The wait offered here is ten minutes: the
 * answer coming back at all within the test's limit shows the kiosk did not wait for the API.
 */
const TEN_MINUTES = 10 * 60_000;
let sim: RunningSimulator;
let simOpen: boolean;
let tmp: ReturnType<typeof tempDir>;
let db: Db;
let outbox: Outbox;
let engine: SyncEngine;

beforeEach(async () => {
  sim = await startSimulator({ port: 0 });
  simOpen = true;
  tmp = tempDir('kiosk-deliver-now-');
  db = openDatabase(join(tmp.dir, 'data'), { encryption: testEncryption });
  outbox = await buildOutbox({ db, dataDir: join(tmp.dir, 'data'), clock: { now: Date.now }, kioskId: 'KIOSK-NOW', dataKeys: testDataKeys });
  engine = buildSyncEngine({
    outbox,
    api: buildDeviceClient(demoRequestCore(sim.url, { timeoutMs: 2000, logger: silentLogger })),
    clock: { now: Date.now },
    logger: silentLogger,
    healthIntervalMs: 200,
  });
});
afterEach(async () => {
  await engine.stop();
  db.close();
  if (simOpen) await sim.close();
  tmp.cleanup();
});

async function store(): Promise<string> {
  const r = await outbox.enqueue({ kind: 'dossier', payload: samplePayload(), attachments: makeAttachments(tmp.dir, [4000]) });
  if (!r.ok) throw new Error(r.error.code);
  return r.value.localRef;
}

describe('the citizen learns the outcome at once when the API is known to be down', () => {
  it('with the simulator not answering at all: "saved, will be sent" without waiting, and sent once when it answers', async () => {
    await simFaults(sim.url, { mode: 'latency', latencyMs: 120_000 });
    engine.start();
    await expect.poll(() => engine.apiKnownDown(), { timeout: 15_000 }).toBe(true);

    const deliverNow = deliverNowVia(outbox, engine);
    const first = await store();
    expect(await deliverNow(first, { timeoutMs: TEN_MINUTES })).toBeNull();
    // Stored, waiting to be sent: nothing lost, nothing at the API.
    expect(['queued', 'sending']).toContain(outbox.get(first)!.state);
    expect((await simLedger(sim.url)).dossiers).toHaveLength(0);

    // Nothing lost: once the API answers again the dossier is delivered, exactly once.
    await simFaults(sim.url, { mode: 'none' });
    await expect.poll(() => outbox.get(first)!.state, { timeout: 15_000 }).toBe('accepted');
    expect(byLocalRef(await simLedger(sim.url)).get(first)).toHaveLength(1);
  });

  it('with the simulator stopped: "saved, will be sent" at once, and the dossier waits in the outbox', async () => {
    // Nothing asked yet is not "down": a kiosk that just started still waits for the first answer.
    expect(engine.apiKnownDown()).toBe(false);
    engine.start();
    await expect.poll(() => engine.apiKnownDown(), { timeout: 15_000 }).toBe(false);
    await sim.close();
    simOpen = false;
    await expect.poll(() => engine.apiKnownDown(), { timeout: 15_000 }).toBe(true);

    const ref = await store();
    expect(await deliverNowVia(outbox, engine)(ref, { timeoutMs: TEN_MINUTES })).toBeNull();
    const item = outbox.get(ref)!;
    expect(['queued', 'sending']).toContain(item.state);
    expect(item.remoteCode).toBeNull();
  });
});
