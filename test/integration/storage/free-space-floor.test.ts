import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildLogger, silentLogger } from '../../../main/log';
import { buildOutbox, type Outbox } from '../../../main/services/outbox/outbox';
import { openDatabase, type Db } from '../../../main/store/db';
import { testDataKeys, testEncryption } from '../../support/data-key';
import { buildStorageGuard, type StorageGuard } from '../../../main/store/storage-guard';
import { makeAttachments, samplePayload, tempDir } from '../outbox/fixtures';
import { mountTmpfs, tmpfsAvailable, TMPFS_SKIP_REASON, type SmallDisk } from '../../support/tmpfs';

/**
 * The free-space floor on a real 8 MB disk (a tmpfs) filled from outside: the kiosk stops taking
 * new dossiers before the disk is full, says so in its status, and takes them again once space
 * is back. A refused dossier leaves nothing behind.
 */
const MiB = 1024 * 1024;
let disk: SmallDisk;
let sources: ReturnType<typeof tempDir>;
let db: Db;
let outbox: Outbox;
let guard: StorageGuard;
const logLines: string[] = [];

beforeAll(() => {
  if (!tmpfsAvailable) return;
  disk = mountTmpfs(8 * MiB)!;
  sources = tempDir('kiosk-floor-src-');
});
afterAll(() => {
  if (!tmpfsAvailable) return;
  disk.unmount();
  sources.cleanup();
});
afterEach(() => {
  if (!tmpfsAvailable) return;
  db?.close();
  disk.unfill();
  rmSync(join(disk.dir, 'data'), { recursive: true, force: true });
});

async function open(floor: { minFreeBytes: number; minFreePercent: number }) {
  const dataDir = join(disk.dir, 'data');
  db = openDatabase(dataDir, { encryption: testEncryption });
  let t = 0;
  guard = buildStorageGuard({ dataDir, floor, now: () => (t += 1001), logger: buildLogger({ write: (l) => logLines.push(l) }) });
  outbox = await buildOutbox({ db, dataDir, clock: { now: Date.now }, kioskId: 'KIOSK-FLOOR', storage: guard, dataKeys: testDataKeys });
}
const rows = () => (db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;
const stored = () => readdirSync(join(disk.dir, 'data', 'attachments'));
const enqueue = (sizes: number[]) => outbox.enqueue({ kind: 'dossier', payload: samplePayload(), attachments: makeAttachments(sources.dir, sizes) });

describe.skipIf(!tmpfsAvailable)(`the free-space floor${TMPFS_SKIP_REASON}`, () => {
  it('refuses a new dossier below the floor, and one that would take the disk below it, storing nothing; takes them again once space returns', async () => {
    await open({ minFreeBytes: 2 * MiB, minFreePercent: 0 });
    expect(guard.status()).toMatchObject({ state: 'ok', acceptingDossiers: true, floorBytes: 2 * MiB });
    expect((await enqueue([100_000])).ok).toBe(true);

    disk.fill(2.5 * MiB);
    expect(guard.status().state).toBe('ok');
    // 1 MB would leave less than the floor.
    expect(await enqueue([1 * MiB])).toEqual({ ok: false, error: { code: 'storage_unavailable' } });
    expect((await enqueue([50_000])).ok).toBe(true);

    disk.unfill();
    disk.fill(1 * MiB);
    expect(guard.status()).toMatchObject({ state: 'low', acceptingDossiers: false });
    expect(guard.status().freeBytes).toBeLessThan(2 * MiB);
    expect(await enqueue([10_000])).toEqual({ ok: false, error: { code: 'storage_unavailable' } });
    expect(rows()).toBe(2);
    expect(stored()).toHaveLength(2);

    disk.unfill();
    expect(guard.status()).toMatchObject({ state: 'ok', acceptingDossiers: true });
    expect((await enqueue([10_000])).ok).toBe(true);
    expect(rows()).toBe(3);
    // Said once per change, not once per call.
    expect(logLines.filter((l) => l.includes('"storage.unavailable"'))).toHaveLength(1);
    expect(logLines.filter((l) => l.includes('"storage.ok"'))).toHaveLength(1);
  });

  it('the floor is the larger of the fixed amount and the share of the disk', async () => {
    await open({ minFreeBytes: 1 * MiB, minFreePercent: 25 });
    expect(guard.status().floorBytes).toBe(2 * MiB);
    db.close();
    await open({ minFreeBytes: 3 * MiB, minFreePercent: 25 });
    expect(guard.status().floorBytes).toBe(3 * MiB);
  });

  it('a write the disk refused counts as full until a write succeeds again', async () => {
    await open({ minFreeBytes: 0, minFreePercent: 0 });
    disk.fill();
    expect(await enqueue([200_000])).toEqual({ ok: false, error: { code: 'storage_unavailable' } });
    let refused: unknown = null;
    try {
      writeFileSync(join(disk.dir, 'one-more'), Buffer.alloc(64 * 1024));
    } catch (e) {
      refused = e;
    }
    expect(guard.fault(refused, 'test')).toBe(true);
    disk.unfill();
    rmSync(join(disk.dir, 'one-more'), { force: true });
    // Still remembered (the disk said no a moment ago) …
    expect(guard.status()).toMatchObject({ state: 'full', acceptingDossiers: false });
    guard.recovered();
    // … until a write works again.
    expect(guard.status().state).toBe('ok');
    expect((await enqueue([200_000])).ok).toBe(true);
  });
});

describe('the storage guard without a disk to ask', () => {
  it('a data folder that cannot be asked counts as failing, and unknown errors are not storage faults', () => {
    const g = buildStorageGuard({ dataDir: '/nonexistent/kiosk', floor: { minFreeBytes: 0, minFreePercent: 0 }, now: Date.now, logger: silentLogger });
    expect(g.status()).toMatchObject({ state: 'failing', acceptingDossiers: false, freeBytes: null });
    expect(g.fault(new TypeError('x'), 'test')).toBe(false);
    expect(g.fault(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' }), 'test')).toBe(true);
  });
});
