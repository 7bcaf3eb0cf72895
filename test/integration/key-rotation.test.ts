import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAdmin } from '../../main/admin';
import { resolveDataKey, type DataKeyring } from '../../main/keys/data-key';
import { rotateDataKey, type RotationStep } from '../../main/keys/rotate';
import { fileOnlySealers } from '../../main/keys/sealer';
import { safeStorageSealers } from '../../main/shell/safe-storage-sealer';
import { silentLogger } from '../../main/log';
import { buildOutbox } from '../../main/services/outbox/outbox';
import { openSqlite, WrongDatabaseKey } from '../../main/store/cipher';
import { openDataFolder } from '../../main/store/data-folder';
import { acquireDataLock } from '../../main/store/data-lock';
import { databaseState } from '../../main/store/encrypted-database';
import { fakeSafeStorage } from '../support/fake-safe-storage';
import { makeAttachments, samplePayload, tempDir } from './outbox/fixtures';

/**
 * Key rotation on a real data folder: the database and every sealed file move to a new key, the
 * old key opens nothing afterwards, and a rotation stopped after any of its steps leaves a folder
 * the kiosk opens (and a rerun finishes). The SIGKILL version: test/integration/key-rotation-kill.test.ts.
 */
let tmp: ReturnType<typeof tempDir>;
const dataDir = () => join(tmp.dir, 'data');
const source = { settings: { file: null, protection: null }, env: {}, keys: { sealerFor: fileOnlySealers, defaultProtection: 'file' as const } };

beforeEach(() => {
  tmp = tempDir('kiosk-rotate-');
  // kiosk-admin reads the kiosk's configuration as a production kiosk does (no API is called).
  writeFileSync(join(tmp.dir, 'kiosk.config.json'), JSON.stringify({ kioskId: 'KIOSK-ROT', api: { baseUrl: 'https://api.dichvucong.example.vn' } }));
});
afterEach(() => tmp.cleanup());

const keyringNow = (): DataKeyring => {
  const r = resolveDataKey({ ...source, dataDir: dataDir(), database: databaseState(dataDir()), demo: false });
  if (!r.ok) throw r.error;
  return r.value;
};

/** A kiosk's folder with two dossiers and their files; returns what it holds, to compare later. */
async function kioskWithDossiers() {
  const folder = await openDataFolder({ dataDir: dataDir(), shell: 'test', logger: silentLogger, dataKey: { ...source, demo: true } });
  const outbox = await buildOutbox({ db: folder.db, dataDir: dataDir(), clock: { now: Date.now }, kioskId: 'KIOSK-ROT', dataKeys: folder.keyring });
  const hashes: string[] = [];
  for (const sizes of [[70_000, 200_000], [5000]]) {
    const attachments = makeAttachments(tmp.dir, sizes);
    hashes.push(...attachments.map((a) => createHash('sha256').update(readFileSync(a.sourcePath)).digest('hex')));
    const r = await outbox.enqueue({ kind: 'dossier', payload: samplePayload(), attachments });
    if (!r.ok) throw new Error(r.error.code);
  }
  await folder.close();
  return hashes;
}

/** Opens the folder as the kiosk does and checks every row and file is there and whole. */
async function opensWhole(hashes: string[]): Promise<DataKeyring> {
  const folder = await openDataFolder({ dataDir: dataDir(), shell: 'test', logger: silentLogger, dataKey: { ...source, demo: false } });
  try {
    const outbox = await buildOutbox({ db: folder.db, dataDir: dataDir(), clock: { now: Date.now }, kioskId: 'KIOSK-ROT', dataKeys: folder.keyring });
    expect(outbox.counts().queued).toBe(2);
    for (const sha of hashes) expect((await outbox.files.measure(sha))?.sha256, sha).toBe(sha);
    expect(folder.db.pragma('integrity_check', { simple: true })).toBe('ok');
    return folder.keyring;
  } finally {
    await folder.close();
  }
}

const headerKeyIds = () =>
  readdirSync(join(dataDir(), 'attachments')).map((n) => readFileSync(join(dataDir(), 'attachments', n)).subarray(8, 16).toString('hex'));

describe('rotating the data key', () => {
  it('moves the database and every file to a new key; the old key opens nothing afterwards', async () => {
    const hashes = await kioskWithDossiers();
    const before = keyringNow().current;
    const lock = acquireDataLock(dataDir(), { shell: 'test' });
    const steps: RotationStep[] = [];
    const r = await rotateDataKey({ dataDir: dataDir(), keyring: keyringNow(), logger: silentLogger, onStep: (s) => steps.push(s), skip: [join(dataDir(), 'staging')] });
    lock.release();
    expect(steps).toEqual(['keys-recorded', 'files-resealed', 'database-copied', 'database-rekeyed', 'database-replaced', 'done']);
    expect(r).toEqual({ from: before.id, to: keyringNow().current.id, files: 3 });
    expect(keyringNow().next).toBeNull();
    expect(new Set(headerKeyIds())).toEqual(new Set([r.to]));
    expect(() => openSqlite(join(dataDir(), 'kiosk.sqlite3'), { key: before.bytes })).toThrow(WrongDatabaseKey);
    await opensWhole(hashes);
  });

  it.each(['keys-recorded', 'files-resealed', 'database-copied', 'database-rekeyed', 'database-replaced'] as const)(
    'stopped right after "%s", the kiosk opens with either key and a second run finishes',
    async (stopAt) => {
      const hashes = await kioskWithDossiers();
      const lock = acquireDataLock(dataDir(), { shell: 'test' });
      await expect(
        rotateDataKey({
          dataDir: dataDir(),
          keyring: keyringNow(),
          logger: silentLogger,
          onStep: (s) => {
            if (s === stopAt) throw new Error('stopped');
          },
        }),
      ).rejects.toThrow('stopped');
      lock.release();
      const ring = await opensWhole(hashes);
      // Once the database was replaced, opening it recorded the new key as current.
      expect(ring.next === null).toBe(stopAt === 'database-replaced');
      const lock2 = acquireDataLock(dataDir(), { shell: 'test' });
      await rotateDataKey({ dataDir: dataDir(), keyring: keyringNow(), logger: silentLogger });
      lock2.release();
      expect(new Set(headerKeyIds())).toEqual(new Set([keyringNow().current.id]));
      await opensWhole(hashes);
    },
  );
});

describe('kiosk-admin rotate-key', () => {
  async function admin(argv: string[], env: NodeJS.ProcessEnv = {}) {
    let out = '';
    let err = '';
    const code = await runAdmin(argv, {
      stdin: process.stdin,
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s) },
      env,
      defaultConfigDir: tmp.dir,
      defaultDataDir: dataDir(),
    });
    return { code, out, err };
  }

  it('rotates, printing each step, and says which key the data is under now', async () => {
    const hashes = await kioskWithDossiers();
    const r = await admin(['rotate-key']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('step: files-resealed');
    expect(r.out).toContain(`The data is now under key ${keyringNow().current.id} (3 files sealed again, 0 backups moved)`);
    await opensWhole(hashes);
  });

  it('moves the backups to the new key too, so one taken before the rotation can still be restored', async () => {
    const hashes = await kioskWithDossiers();
    const taken = await admin(['backup']);
    expect(taken.code, taken.err).toBe(0);
    const backupDir = join(dataDir(), 'backups');
    const [backup] = readdirSync(backupDir).filter((n) => n.endsWith('.sqlite3'));
    // A file that is no backup of this kiosk's: named, left alone, and the rotation goes on.
    const stranger = join(backupDir, 'kiosk-20200101-000000.sqlite3');
    writeFileSync(stranger, Buffer.alloc(8192, 7));
    const before = keyringNow().current;

    const r = await admin(['rotate-key']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('1 backups moved');
    expect(r.err).toContain(stranger);
    expect(readFileSync(stranger)).toEqual(Buffer.alloc(8192, 7));
    const moved = join(backupDir, backup!);
    expect(() => openSqlite(moved, { key: before.bytes })).toThrow(WrongDatabaseKey);
    openSqlite(moved, { key: keyringNow().current.bytes }).close();

    const restored = await admin(['restore', '--backup', moved]);
    expect(restored.code, restored.err).toBe(0);
    await opensWhole(hashes);
  });

  it('refuses while the kiosk holds the folder (73), for a key from KIOSK_DATA_KEY (78), with the key lost (77), and with no database', async () => {
    expect((await admin(['rotate-key'])).err).toContain('no kiosk database');
    await kioskWithDossiers();
    const running = acquireDataLock(dataDir(), { shell: 'web' });
    const busy = await admin(['rotate-key']);
    running.release();
    expect(busy.code).toBe(73);
    const key = keyringNow().current.bytes.toString('hex');
    const env = await admin(['rotate-key'], { KIOSK_DATA_KEY: key });
    expect(env.code).toBe(78);
    expect(env.err).toContain('KIOSK_DATA_KEY');
    rmSync(keyringNow().file!);
    const lost = await admin(['rotate-key']);
    expect(lost.code).toBe(77);
    expect(lost.err).toContain('is missing');
  });
});

describe('kiosk-admin rotate-key in the Electron app (--admin, safeStorage: a fake that behaves like it)', () => {
  it('rotates an OS-sealed key, and the new key is sealed by the OS too', async () => {
    const electron = { sealerFor: safeStorageSealers(fakeSafeStorage({ accountSecret: 'kiosk' }), 'win32'), defaultProtection: 'os' as const };
    const folder = await openDataFolder({ dataDir: dataDir(), shell: 'test', logger: silentLogger, dataKey: { ...source, keys: electron, demo: false } });
    const before = folder.keyring.current;
    expect(folder.keyring.protection).toBe('os');
    await folder.close();
    let err = '';
    const code = await runAdmin(['rotate-key'], {
      stdin: process.stdin,
      stdout: { write: () => undefined },
      stderr: { write: (s: string) => (err += s) },
      env: {},
      defaultConfigDir: tmp.dir,
      defaultDataDir: dataDir(),
      keys: electron,
    });
    expect(code, err).toBe(0);
    const file = JSON.parse(readFileSync(join(tmp.dir, 'data-keys', 'data-key.json'), 'utf8')) as { protection: string; current: string; next: string | null };
    expect(file).toMatchObject({ protection: 'os', next: null });
    const after = await openDataFolder({ dataDir: dataDir(), shell: 'test', logger: silentLogger, dataKey: { ...source, keys: electron, demo: false } });
    expect(after.keyring.current.id).not.toBe(before.id);
    expect(Buffer.from(file.current, 'base64').includes(after.keyring.current.bytes)).toBe(false);
    await after.close();
  });
});
