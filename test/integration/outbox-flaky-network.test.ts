import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SimLedger } from '../../common/provincial/dossier-schemas';
import { silentLogger } from '../../main/log';
import { buildOutbox } from '../../main/services/outbox/outbox';
import { buildDeviceClient } from '../../main/services/provincial-api/device-client';
import { buildSyncEngine } from '../../main/services/sync/engine';
import { openDatabase, type Db } from '../../main/store/db';
import { testDataKeys, testEncryption } from '../support/data-key';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { makeAttachments, samplePayload, tempDir } from './outbox/fixtures';
import { demoRequestCore } from '../../demo/demo-device';

const VALID = 300;
const INVALID = 10;

let sim: RunningSimulator;
let tmp: ReturnType<typeof tempDir>;
let db: Db;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  tmp = tempDir();
  db = openDatabase(join(tmp.dir, 'data'), { encryption: testEncryption });
});
afterAll(async () => {
  db.close();
  await sim.close();
  tmp.cleanup();
});

describe('delivery through a flaky network', () => {
  it(`${VALID} dossiers drained through heavy injected faults arrive exactly once; ones the API refuses end in needs_attention`, async () => {
    const clock = { now: Date.now };
    const outbox = await buildOutbox({ db, dataDir: join(tmp.dir, 'data'), clock, kioskId: 'KIOSK-FLAKY', dataKeys: testDataKeys });
    const told: string[] = [];
    for (let i = 0; i < VALID + INVALID; i++) {
      const r = await outbox.enqueue({ kind: 'dossier', payload: samplePayload(), attachments: makeAttachments(tmp.dir, [500 + (i % 7) * 3000, ...(i % 3 === 0 ? [800] : [])]) });
      if (!r.ok) throw new Error(r.error.code);
      told.push(r.value.localRef);
    }
    // Rows written by an older kiosk build that the API's validation now refuses.
    const refused = told.slice(VALID);
    for (const localRef of refused) {
      db.prepare(`UPDATE outbox SET payload = json_set(payload, '$.applicant.citizenId', '12345') WHERE local_ref = @localRef`).run({ localRef });
    }

    await fetch(`${sim.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        mode: 'flaky',
        errorRate: 0.15,
        rateLimitRate: 0.1,
        retryAfterSeconds: 1,
        dropRequestRate: 0.1,
        dropResponseRate: 0.15,
        latencyMs: 2,
        uploadBytesPerSecond: 4 * 1024 * 1024,
      }),
    });
    const engine = buildSyncEngine({
      outbox,
      api: buildDeviceClient(demoRequestCore(sim.url, { timeoutMs: 3000, logger: silentLogger })),
      clock,
      logger: silentLogger,
      policy: { baseDelayMs: 20, maxDelayMs: 400, maxRetryAfterMs: 1000 },
      healthIntervalMs: 100,
      concurrency: 4,
    });
    const lookedForWork = vi.spyOn(outbox, 'claimNext');
    engine.start();
    await expect
      .poll(() => outbox.counts().queued + outbox.counts().sending, { timeout: 150_000, interval: 50, message: 'the outbox drains' })
      .toBe(0);
    const attemptsBefore = refused.map((ref) => outbox.get(ref)!.attempts);
    // Refused ones stay refused: let every worker go round its loop a few more times, each a
    // chance to (wrongly) try one again.
    const claimsAtDrain = lookedForWork.mock.calls.length;
    await expect.poll(() => lookedForWork.mock.calls.length, { timeout: 15_000, interval: 20 }).toBeGreaterThanOrEqual(claimsAtDrain + 3 * 4);
    await engine.stop();

    const counts = outbox.counts();
    expect(counts).toMatchObject({ queued: 0, sending: 0, accepted: VALID, needs_attention: INVALID });
    for (const [i, ref] of refused.entries()) {
      const item = outbox.get(ref)!;
      expect(item.state).toBe('needs_attention');
      expect(item.lastError).toMatchObject({ code: 'refused', status: 400, apiCode: 'invalid_request', message: expect.stringMatching(/citizenId/) });
      expect(item.attempts).toBe(attemptsBefore[i]);
    }
    const ledger = SimLedger.parse(await (await fetch(`${sim.url}/__sim/ledger`)).json());
    expect(ledger.dossiers).toHaveLength(VALID);
    expect(new Set(ledger.dossiers.map((d) => d.localRef))).toEqual(new Set(told.slice(0, VALID)));
    for (const ref of told.slice(0, VALID)) {
      const item = outbox.get(ref)!;
      expect(ledger.dossiers.find((d) => d.localRef === ref)?.dossierCode).toBe(item.remoteCode);
    }
    // The faults really happened: some answers were lost after the API committed.
    expect(ledger.replays).toBeGreaterThan(0);
  }, 180_000); // 310 dossiers through injected faults, retries and Retry-After waits: about a minute on a loaded 2-core CI.
});
