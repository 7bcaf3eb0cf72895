import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataKeyFrom } from '../../../main/keys/data-key';
import { silentLogger } from '../../../main/log';
import { buildOutbox, type Outbox } from '../../../main/services/outbox/outbox';
import { buildDeviceClient } from '../../../main/services/provincial-api/device-client';
import { buildSyncEngine } from '../../../main/services/sync/engine';
import { backupNow, listBackups, scheduleBackups } from '../../../main/store/backup';
import { openSqlite } from '../../../main/store/cipher';
import { openDatabase, type Db } from '../../../main/store/db';
import { demoRequestCore } from '../../../demo/demo-device';
import { startSimulator, type RunningSimulator } from '../../../simulator/server';
import { makeAttachments, samplePayload, tempDir } from '../outbox/fixtures';

/** Rolling online backups of the encrypted database, on real files. */
const KEY = Buffer.alloc(32, 0x2a);
let tmp: ReturnType<typeof tempDir>;
let db: Db;
let outbox: Outbox;
let sim: RunningSimulator;
beforeEach(async () => {
  tmp = tempDir('kiosk-backups-');
  db = openDatabase(join(tmp.dir, 'data'), { encryption: { key: KEY } });
  outbox = await buildOutbox({ db, dataDir: join(tmp.dir, 'data'), clock: { now: Date.now }, kioskId: 'KIOSK-BK', dataKeys: { current: dataKeyFrom(KEY), next: null } });
  sim = await startSimulator({ port: 0 });
});
afterEach(async () => {
  db.close();
  await sim.close();
  tmp.cleanup();
});

describe('database backups', () => {
  it('a backup is one checked, self-contained file with everything committed; the newest `keep` stay', async () => {
    const r = await outbox.enqueue({ kind: 'dossier', payload: samplePayload(), attachments: makeAttachments(tmp.dir, [1000]) });
    if (!r.ok) throw new Error(r.error.code);
    const dir = join(tmp.dir, 'backups');
    let t = Date.UTC(2026, 11, 1, 1, 0, 0);
    const paths: string[] = [];
    for (let i = 0; i < 4; i++) paths.push(await backupNow({ db, dir, keep: 2, encryption: { key: KEY }, now: () => new Date((t += 1000)) }));
    expect(listBackups(dir)).toEqual([paths[3], paths[2]]);
    expect(readdirSync(dir).sort()).toEqual(listBackups(dir).map((p) => p.slice(dir.length + 1)).sort());
    // Under the data key like the database: the personal data in it is not readable without it.
    expect(readFileSync(paths[3]!).includes(Buffer.from('066185000123'))).toBe(false);
    expect(() => new Database(paths[3]!, { readonly: true }).prepare('SELECT 1 FROM outbox').get()).toThrow();
    const copy = openSqlite(paths[3]!, { key: KEY }, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.prepare('SELECT local_ref FROM outbox').all()).toEqual([{ local_ref: r.value.localRef }]);
    copy.close();
    expect(existsSync(`${paths[3]}-wal`)).toBe(false);
  });

  it('a sent batch is followed by a backup (the sync engine nudges the schedule)', async () => {
    const dir = join(tmp.dir, 'backups');
    const backups = scheduleBackups({ db, dir, keep: 3, intervalMs: 3600_000, settleMs: 20, logger: silentLogger, encryption: { key: KEY } });
    const engine = buildSyncEngine({
      outbox,
      api: buildDeviceClient(demoRequestCore(sim.url, { timeoutMs: 5000, logger: silentLogger })),
      clock: { now: Date.now },
      logger: silentLogger,
      healthIntervalMs: 100,
      onAccepted: () => backups.nudge(),
    });
    const r = await outbox.enqueue({ kind: 'dossier', payload: samplePayload(), attachments: makeAttachments(tmp.dir, [1000]) });
    if (!r.ok) throw new Error(r.error.code);
    engine.start();
    await expect.poll(() => listBackups(dir).length, { timeout: 15_000, interval: 20, message: 'a backup after the acceptance' }).toBeGreaterThan(0);
    await engine.stop();
    await backups.stop();
    const [newest] = listBackups(dir);
    expect(newest).toBeDefined();
    const copy = openSqlite(newest!, { key: KEY }, { readonly: true });
    expect(copy.prepare('SELECT state FROM outbox').all()).toEqual([{ state: 'accepted' }]);
    copy.close();
  });
});
