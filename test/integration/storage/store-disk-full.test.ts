import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildOutbox, type Outbox } from '../../../main/services/outbox/outbox';
import { openDatabase, type Db } from '../../../main/store/db';
import { testDataKeys, testEncryption } from '../../support/data-key';
import { makeAttachments, samplePayload, tempDir } from '../outbox/fixtures';
import { mountTmpfs, tmpfsAvailable, TMPFS_SKIP_REASON, type SmallDisk } from '../../support/tmpfs';

/**
 * A dossier stored onto a real small disk (tmpfs) that runs out at each step of the store: before
 * the first file, at the second file, and at the SQLite commit after every file was written. Each
 * time the citizen hears storage_unavailable, and the failure path itself removes every file the
 * store had added — nothing is left to fill the disk further — and no reference is used up.
 */
const KiB = 1024;
let disk: SmallDisk;
let sources: ReturnType<typeof tempDir>;
let db: Db;
let outbox: Outbox;
const dataDir = () => join(disk.dir, 'data');
const files = () => readdirSync(join(dataDir(), 'attachments'));
const rows = () => (db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;

beforeAll(() => {
  if (!tmpfsAvailable) return;
  disk = mountTmpfs(4 * 1024 * KiB)!;
  sources = tempDir('kiosk-store-src-');
});
afterAll(() => {
  if (!tmpfsAvailable) return;
  disk.unmount();
  sources.cleanup();
});
beforeEach(async () => {
  if (!tmpfsAvailable) return;
  db = openDatabase(dataDir(), { encryption: testEncryption });
  // No storage guard: this is about what the store itself does when the disk says no.
  outbox = await buildOutbox({ db, dataDir: dataDir(), clock: { now: Date.now }, kioskId: 'KIOSK-FULL', dataKeys: testDataKeys });
  // The WAL starts empty, so the commit must find new space on the disk.
  db.pragma('wal_checkpoint(TRUNCATE)');
});
afterEach(() => {
  if (!tmpfsAvailable) return;
  db.close();
  disk.unfill();
  rmSync(dataDir(), { recursive: true, force: true });
});

const enqueue = (sizes: number[]) => outbox.enqueue({ kind: 'dossier', payload: samplePayload(), attachments: makeAttachments(sources.dir, sizes) });

describe.skipIf(!tmpfsAvailable)(`storing a dossier on a disk that runs out${TMPFS_SKIP_REASON}`, () => {
  it.each([
    ['before the first file', 0, [200 * KiB, 200 * KiB]],
    ['at the second file (the first already written)', 300 * KiB, [200 * KiB, 400 * KiB]],
    ['at the SQLite commit, after every file was written', 260 * KiB, [120 * KiB, 120 * KiB]],
  ] as const)('runs out %s: storage_unavailable, no file and no row left behind; stored in full once space returns, under the first reference', async (_when, leave, sizes) => {
    disk.fill(leave);
    const r = await enqueue([...sizes]);
    expect(r).toEqual({ ok: false, error: { code: 'storage_unavailable' } });
    expect(files()).toEqual([]);
    expect(rows()).toBe(0);

    disk.unfill();
    const again = await enqueue([...sizes]);
    expect(again.ok && again.value.localRef).toMatch(/-0001$/);
    expect(files()).toHaveLength(2);
    expect(rows()).toBe(1);
  });
});
