import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildLogger, silentLogger } from '../../../main/log';
import { buildOutbox, type Outbox } from '../../../main/services/outbox/outbox';
import { buildDeviceClient } from '../../../main/services/provincial-api/device-client';
import { buildSyncEngine } from '../../../main/services/sync/engine';
import { openDatabase, type Db } from '../../../main/store/db';
import { testDataKeys, testEncryption } from '../../support/data-key';
import { buildStorageGuard } from '../../../main/store/storage-guard';
import { startSimulator, type RunningSimulator } from '../../../simulator/server';
import { byLocalRef, simFaults, simLedger } from '../../support/kiosk-process';
import { makeAttachments, samplePayload, tempDir } from '../outbox/fixtures';
import { demoRequestCore } from '../../../demo/demo-device';
import { eventually } from '../../support/eventually';

/**
 * The sync engine when SQLite refuses its writes (here the connection is made read-only at the
 * worst moment: the API has committed the dossier, the kiosk has not yet heard). The engine must
 * not throw, must pause and say so, and must send the dossier again once writes work — the API
 * answers with its first result, so it is accepted exactly once.
 */
let sim: RunningSimulator;
let tmp: ReturnType<typeof tempDir>;
let db: Db;
let outbox: Outbox;
beforeEach(async () => {
  sim = await startSimulator({ port: 0 });
  tmp = tempDir('kiosk-engine-storage-');
  db = openDatabase(join(tmp.dir, 'data'), { encryption: testEncryption });
  outbox = await buildOutbox({ db, dataDir: join(tmp.dir, 'data'), clock: { now: Date.now }, kioskId: 'KIOSK-ENGINE', dataKeys: testDataKeys });
});
afterEach(async () => {
  db.close();
  await sim.close();
  tmp.cleanup();
});

describe('the sync engine on a disk that refuses writes', () => {
  it('an acceptance it could not record is sent again once writes work, and the API keeps one dossier', async () => {
    const r = await outbox.enqueue({ kind: 'dossier', payload: samplePayload(), attachments: makeAttachments(tmp.dir, [3000]) });
    if (!r.ok) throw new Error(r.error.code);
    const lines: string[] = [];
    const logger = buildLogger({ write: (l) => lines.push(l) });
    const guard = buildStorageGuard({ dataDir: join(tmp.dir, 'data'), floor: { minFreeBytes: 0, minFreePercent: 0 }, now: Date.now, logger });
    await simFaults(sim.url, { mode: 'flaky', responseLatencyMs: 400 });
    const engine = buildSyncEngine({
      outbox,
      api: buildDeviceClient(demoRequestCore(sim.url, { timeoutMs: 5000, logger: silentLogger })),
      clock: { now: Date.now },
      logger,
      healthIntervalMs: 100,
      storage: guard,
    });
    const rejections: unknown[] = [];
    const onRejection = (e: unknown) => rejections.push(e);
    process.on('unhandledRejection', onRejection);
    try {
      engine.start();
      await eventually('the API to commit the dossier', async () => (await simLedger(sim.url)).dossiers.length === 1);
      db.pragma('query_only = ON');
      await eventually('the acceptance write to be refused', () => lines.some((l) => l.includes('"sync.paused"') && l.includes('"step":"accept"')));
      expect(outbox.get(r.value.localRef)!.state).toBe('sending');
      expect(guard.status().state).toBe('failing');
      await simFaults(sim.url, { mode: 'none' });
      db.pragma('query_only = OFF');
      await eventually('the dossier to be accepted', () => outbox.get(r.value.localRef)!.state === 'accepted');
    } finally {
      await engine.stop();
      process.off('unhandledRejection', onRejection);
    }
    expect(rejections).toEqual([]);
    const ledger = await simLedger(sim.url);
    expect(byLocalRef(ledger).get(r.value.localRef)).toHaveLength(1);
    expect(ledger.replays).toBeGreaterThanOrEqual(1);
    expect(outbox.get(r.value.localRef)!.remoteCode).toBe(ledger.dossiers[0]!.dossierCode);
    expect(outbox.history(r.value.localRef)!.map((e) => e.event)).toContain('released_after_storage_fault');
    expect(guard.status().state).toBe('ok');
  });
});
