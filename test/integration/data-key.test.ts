import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { DataKeyRefusal, newDataKey, resolveDataKey, type DataKeyring, type DataKeySettings } from '../../main/keys/data-key';
import { fileOnlySealers, type ShellKeys } from '../../main/keys/sealer';
import { silentLogger } from '../../main/log';
import { safeStorageSealers } from '../../main/shell/safe-storage-sealer';
import { openDatabase, openSqlite, WrongDatabaseKey } from '../../main/store/db';
import { databaseState, openKioskDatabase, rebuildUnderKey } from '../../main/store/encrypted-database';
import { fakeSafeStorage } from '../support/fake-safe-storage';

/**
 * The data key on real files: where it is made, how it is protected, what happens when it is
 * lost or wrong — and that the database it opens holds no plaintext.
 */
const roots: string[] = [];
function folder(): { root: string; dataDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'kiosk-datakey-'));
  roots.push(root);
  return { root, dataDir: join(root, 'data') };
}
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

const browser: ShellKeys = { sealerFor: fileOnlySealers, defaultProtection: 'file' };
const defaults: DataKeySettings = { file: null, protection: null };
const MARK = 'Nguyễn Thị Hồng Nhung 066185000123';

function resolve(dataDir: string, o: { demo?: boolean; keys?: ShellKeys; settings?: DataKeySettings; env?: NodeJS.ProcessEnv } = {}) {
  return resolveDataKey({
    dataDir,
    settings: o.settings ?? defaults,
    env: o.env ?? {},
    keys: o.keys ?? browser,
    database: databaseState(dataDir),
    demo: o.demo ?? true,
  });
}
function ring(dataDir: string, o: Parameters<typeof resolve>[1] = {}): DataKeyring {
  const r = resolve(dataDir, o);
  if (!r.ok) throw r.error;
  return r.value;
}
function refusal(dataDir: string, o: Parameters<typeof resolve>[1] = {}): DataKeyRefusal {
  const r = resolve(dataDir, o);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}
/** Stores the marker the way the kiosk stores a dossier, and closes. */
function storeMarker(dataDir: string, keyring: DataKeyring): void {
  const db = openKioskDatabase({ dataDir, keyring, logger: silentLogger });
  db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('marker', ?, 'now')").run(MARK);
  db.close();
}
function rawBytes(dataDir: string): Buffer {
  return Buffer.concat(readdirSync(dataDir).map((f) => readFileSync(join(dataDir, f))));
}

describe('the data key', () => {
  it('a DEMO kiosk makes its key beside the data folder, owner-only, and its database holds no plaintext', () => {
    const { root, dataDir } = folder();
    const keyring = ring(dataDir);
    expect(keyring.created).toBe(true);
    expect(keyring.file).toBe(join(root, 'data-keys', 'data-key.json'));
    expect(statSync(keyring.file!).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, 'data-keys')).mode & 0o777).toBe(0o700);
    storeMarker(dataDir, keyring);
    expect(databaseState(dataDir)).toBe('encrypted');
    expect(rawBytes(dataDir).includes(Buffer.from(MARK))).toBe(false);
    expect(rawBytes(dataDir).includes(Buffer.from('066185000123'))).toBe(false);
    // The next start finds the same key and reads the row back.
    const again = openKioskDatabase({ dataDir, keyring: ring(dataDir), logger: silentLogger });
    expect(again.prepare("SELECT value FROM settings WHERE key = 'marker'").pluck().get()).toBe(MARK);
    again.close();
  });

  it('a production browser kiosk without a key refuses to start (78) and says how to make one; nothing is created', () => {
    const { root, dataDir } = folder();
    const e = refusal(dataDir, { demo: false });
    expect(e.code).toBe('data_key_not_configured');
    expect(e.exitCode).toBe(78);
    expect(e.message).toContain('openssl rand -hex 32');
    expect(existsSync(join(root, 'data-keys'))).toBe(false);
  });

  it('a lost key is a refusal (77) naming the missing file, never a fresh empty database', () => {
    const { dataDir } = folder();
    const keyring = ring(dataDir);
    storeMarker(dataDir, keyring);
    const before = readFileSync(join(dataDir, 'kiosk.sqlite3'));
    rmSync(keyring.file!);
    for (const demo of [true, false]) {
      const e = refusal(dataDir, { demo });
      expect(e.code).toBe('data_key_missing');
      expect(e.exitCode).toBe(77);
      expect(e.message).toContain(keyring.file!);
      expect(e.message).toContain('kiosk.sqlite3');
    }
    expect(readFileSync(join(dataDir, 'kiosk.sqlite3')).equals(before)).toBe(true);
    expect(existsSync(keyring.file!)).toBe(false);
  });

  it("another kiosk's key is a refusal (77) and leaves the database untouched", () => {
    const { dataDir } = folder();
    storeMarker(dataDir, ring(dataDir));
    const before = readFileSync(join(dataDir, 'kiosk.sqlite3'));
    const other = newDataKey();
    expect(() => openKioskDatabase({ dataDir, keyring: ring(dataDir, { env: { KIOSK_DATA_KEY: other.bytes.toString('hex') } }), logger: silentLogger })).toThrow(
      expect.objectContaining({ code: 'data_key_wrong', exitCode: 77 }),
    );
    expect(readFileSync(join(dataDir, 'kiosk.sqlite3')).equals(before)).toBe(true);
  });

  it('refuses a key file other accounts can read (78), and one inside the data folder', () => {
    const { dataDir } = folder();
    const keyring = ring(dataDir);
    chmodSync(keyring.file!, 0o644);
    const exposed = refusal(dataDir);
    expect(exposed.code).toBe('data_key_exposed');
    expect(exposed.exitCode).toBe(78);
    expect(exposed.message).toContain('chmod 600');
    const inside = refusal(dataDir, { settings: { file: join(dataDir, 'keys', 'k.json'), protection: null } });
    expect(inside.code).toBe('data_key_misplaced');
  });

  it("takes IT's own key: a bare 64-hex file (openssl rand -hex 32) or KIOSK_DATA_KEY; a malformed one is refused", () => {
    const { root, dataDir } = folder();
    const file = join(root, 'etc', 'data.key');
    mkdirSync(join(root, 'etc'), { mode: 0o700 });
    const key = newDataKey();
    writeFileSync(file, `${key.bytes.toString('hex')}\n`, { mode: 0o600 });
    const fromFile = ring(dataDir, { demo: false, settings: { file, protection: null } });
    expect(fromFile.current.id).toBe(key.id);
    storeMarker(dataDir, fromFile);
    const fromEnv = ring(dataDir, { demo: false, env: { KIOSK_DATA_KEY: key.bytes.toString('hex') } });
    expect(fromEnv.source).toBe('env');
    openKioskDatabase({ dataDir, keyring: fromEnv, logger: silentLogger }).close();
    expect(refusal(dataDir, { env: { KIOSK_DATA_KEY: 'not-a-key' } }).code).toBe('data_key_invalid');
  });

  it('in the Electron app the key is sealed by the OS; another account cannot open it (77); basic_text is refused (78)', () => {
    const { dataDir } = folder();
    const electron: ShellKeys = { sealerFor: safeStorageSealers(fakeSafeStorage({ accountSecret: 'kiosk' }), 'linux'), defaultProtection: 'os' };
    // A production Electron kiosk seals its own key on first start.
    const keyring = ring(dataDir, { demo: false, keys: electron });
    expect(keyring.protection).toBe('os');
    storeMarker(dataDir, keyring);
    const file = readFileSync(keyring.file!, 'utf8');
    expect(file).not.toContain(keyring.current.bytes.toString('hex'));
    expect(file).not.toContain(keyring.current.bytes.toString('base64'));
    // The browser shell, or the kiosk under another account, cannot unseal it.
    expect(refusal(dataDir).code).toBe('data_key_unsealable');
    const stranger: ShellKeys = { sealerFor: safeStorageSealers(fakeSafeStorage({ accountSecret: 'other' }), 'linux'), defaultProtection: 'os' };
    const e = refusal(dataDir, { keys: stranger });
    expect(e.code).toBe('data_key_unsealable');
    expect(e.exitCode).toBe(77);
    // A Linux session without a keyring: no pretend protection.
    const { dataDir: fresh } = folder();
    const noKeyring: ShellKeys = { sealerFor: safeStorageSealers(fakeSafeStorage({ backend: 'basic_text' }), 'linux'), defaultProtection: 'os' };
    expect(refusal(fresh, { demo: false, keys: noKeyring }).code).toBe('data_key_protection_unavailable');
  });

  it('a database an earlier build left in plain text is encrypted on the first start, rows and all', () => {
    const { dataDir } = folder();
    mkdirSync(dataDir);
    const plain = new Database(join(dataDir, 'kiosk.sqlite3'));
    plain.pragma('journal_mode = WAL');
    plain.exec('CREATE TABLE legacy (text TEXT) STRICT');
    plain.prepare('INSERT INTO legacy VALUES (?)').run(MARK);
    plain.close();
    expect(databaseState(dataDir)).toBe('plaintext');
    const keyring = ring(dataDir, { demo: true });
    const db = openKioskDatabase({ dataDir, keyring, logger: silentLogger });
    expect(db.prepare('SELECT text FROM legacy').pluck().get()).toBe(MARK);
    db.close();
    expect(databaseState(dataDir)).toBe('encrypted');
    expect(rawBytes(dataDir).includes(Buffer.from(MARK))).toBe(false);
    expect(() => openSqlite(join(dataDir, 'kiosk.sqlite3'), 'none')).toThrow(WrongDatabaseKey);
  });

  it('a rotation cut short opens with whichever key the file is under, and records the finished one', () => {
    const { dataDir } = folder();
    const keyring = ring(dataDir);
    storeMarker(dataDir, keyring);
    const old = keyring.current;
    const next = newDataKey();
    keyring.beginRotation(next);
    // Stopped before the copy replaced the file: the current key opens it, the next is kept.
    const before = ring(dataDir);
    openKioskDatabase({ dataDir, keyring: before, logger: silentLogger }).close();
    expect(before.current.id).toBe(old.id);
    expect(before.next?.id).toBe(next.id);
    // Stopped after the rename but before the key file said so: the next key opens it, and becomes current.
    rebuildUnderKey(dataDir, { from: old.bytes, to: next.bytes });
    const after = ring(dataDir);
    const db = openKioskDatabase({ dataDir, keyring: after, logger: silentLogger });
    expect(db.prepare("SELECT value FROM settings WHERE key = 'marker'").pluck().get()).toBe(MARK);
    db.close();
    expect(ring(dataDir).current.id).toBe(next.id);
    expect(ring(dataDir).next).toBeNull();
    expect(() => openDatabase(dataDir, { encryption: { key: old.bytes } })).toThrow(WrongDatabaseKey);
  });
});
