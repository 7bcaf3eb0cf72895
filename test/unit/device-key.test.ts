import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLogger, silentLogger } from '../../main/log';
import { buildDeviceIdentity } from '../../main/services/device/device-identity';
import { fileKeySealer, type KeySealer } from '../../main/keys/sealer';
import { newKeyPair, openKeyStore } from '../../main/services/device/key-store';
import { safeStorageSealers, type KeySafeStorage } from '../../main/shell/safe-storage-sealer';
import { buildApiClock } from '../../main/services/provincial-api/api-clock';

const dir = () => join(mkdtempSync(join(tmpdir(), 'kiosk-key-')), 'device');
const posix = process.platform !== 'win32';

/** safeStorage as Electron offers it, faked: sealing is a reversible scramble tied to "this account". */
function fakeSafeStorage(
  opts: { available?: boolean; backend?: string; account?: string } = {},
): KeySafeStorage & { sealed: string[] } {
  const account = opts.account ?? 'kiosk';
  const sealed: string[] = [];
  return {
    sealed,
    isEncryptionAvailable: () => opts.available ?? true,
    getSelectedStorageBackend: () =>
      (opts.backend ?? 'gnome_libsecret') as ReturnType<KeySafeStorage['getSelectedStorageBackend']>,
    encryptString: (plain: string) => {
      sealed.push(plain);
      return Buffer.from(`${account}:${Buffer.from(plain).reverse().toString('base64')}`);
    },
    decryptString: (buf: Buffer) => {
      const [who, body] = buf.toString().split(':');
      if (who !== account) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(body!, 'base64').reverse().toString();
    },
  };
}

describe('the device key store', () => {
  it('on first start makes an Ed25519 key pair, owner-only in an owner-only folder, and gives back the same key after', () => {
    const d = dir();
    const first = openKeyStore({ dir: d, sealer: fileKeySealer }).loadOrCreate();
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value).toMatchObject({ protection: 'file', enrolment: null });
    expect(first.value.key.privateKey.asymmetricKeyType).toBe('ed25519');
    if (posix) {
      expect(statSync(join(d, 'device-key.json')).mode & 0o777).toBe(0o600);
      expect(statSync(d).mode & 0o777).toBe(0o700);
    }
    const again = openKeyStore({ dir: d, sealer: fileKeySealer }).loadOrCreate();
    expect(again.ok && again.value.key.fingerprint).toBe(first.value.key.fingerprint);
  });

  it.skipIf(!posix)('refuses a key file other accounts can read, naming the chmod', () => {
    const d = dir();
    openKeyStore({ dir: d, sealer: fileKeySealer }).loadOrCreate();
    chmodSync(join(d, 'device-key.json'), 0o640);
    const r = openKeyStore({ dir: d, sealer: fileKeySealer }).loadOrCreate();
    expect(r).toMatchObject({ ok: false, error: { code: 'device_key_exposed', message: expect.stringMatching(/chmod 600/) } });
  });

  it('refuses a damaged key file rather than silently making a new key (the API holds the old one)', () => {
    const d = dir();
    openKeyStore({ dir: d, sealer: fileKeySealer }).loadOrCreate();
    const file = join(d, 'device-key.json');
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...stored, publicKey: newKeyPairPublic() }), { mode: 0o600 });
    expect(openKeyStore({ dir: d, sealer: fileKeySealer }).loadOrCreate()).toMatchObject({
      ok: false,
      error: { code: 'device_key_unreadable' },
    });
    writeFileSync(file, '{"v":1', { mode: 0o600 });
    expect(openKeyStore({ dir: d, sealer: fileKeySealer }).loadOrCreate()).toMatchObject({
      ok: false,
      error: { code: 'device_key_unreadable' },
    });
  });

  it('a folder it cannot create is device_key_unavailable, naming it', () => {
    const parent = mkdtempSync(join(tmpdir(), 'kiosk-key-'));
    writeFileSync(join(parent, 'file'), 'x');
    const r = openKeyStore({ dir: join(parent, 'file', 'device'), sealer: fileKeySealer }).loadOrCreate();
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'device_key_unavailable', message: expect.stringContaining(join(parent, 'file', 'device')) },
    });
  });

  it('with OS sealing the file holds no usable private key, and another account cannot unseal it', () => {
    const d = dir();
    const mine = safeStorageSealers(fakeSafeStorage(), 'win32')('os') as KeySealer;
    const made = openKeyStore({ dir: d, sealer: mine }).loadOrCreate();
    if (!made.ok) throw new Error(made.error.message);
    const pkcs8 = made.value.key.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    expect(readFileSync(join(d, 'device-key.json'), 'utf8')).not.toContain(pkcs8);
    expect(openKeyStore({ dir: d, sealer: mine }).loadOrCreate()).toMatchObject({ ok: true, value: { protection: 'os' } });
    const theirs = safeStorageSealers(fakeSafeStorage({ account: 'someone-else' }), 'win32')('os') as KeySealer;
    expect(openKeyStore({ dir: d, sealer: theirs }).loadOrCreate()).toMatchObject({
      ok: false,
      error: { code: 'device_key_unreadable', message: expect.stringMatching(/cannot be unsealed/) },
    });
    // Switching protection is not a silent downgrade either.
    expect(openKeyStore({ dir: d, sealer: fileKeySealer }).loadOrCreate()).toMatchObject({
      ok: false,
      error: { code: 'device_key_unreadable' },
    });
  });

});

describe('the device identity', () => {
  const identity = (d = dir(), apiBaseUrl = 'https://api.example.vn') => {
    const store = openKeyStore({ dir: d, sealer: fileKeySealer });
    const stored = store.loadOrCreate();
    if (!stored.ok) throw new Error(stored.error.message);
    return buildDeviceIdentity({ store, stored: stored.value, kioskId: 'BMT-01', apiBaseUrl, logger: silentLogger });
  };

  it('signs nothing until enrolled; enrolment keeps the key it was made with, and re-enrolment replaces it', async () => {
    const d = dir();
    const id = identity(d);
    expect(id.current()).toBeNull();
    const made = id.status().fingerprint;
    let sent: string | null = null;
    const api = {
      enrol: async (_code: string, key: { publicKey: import('node:crypto').KeyObject }) => {
        sent = (await import('../../common/provincial/request-signing')).publicKeyFingerprint(key.publicKey);
        return { ok: true as const, value: { deviceId: 'BMT-01', enrolledAt: '2026-12-01T00:00:00.000Z' } };
      },
    };
    expect(await id.enrol('ABCD-EFGH-JKMN', api)).toMatchObject({ ok: true, value: { state: 'enrolled', fingerprint: made } });
    expect(sent).toBe(made);
    expect(id.current()?.deviceId).toBe('BMT-01');
    id.observe?.('revoked');
    expect(id.status().state).toBe('revoked');
    expect(id.inService()).toBe(false);
    await id.enrol('ABCD-EFGH-JKMP', api);
    expect(id.status()).toMatchObject({ state: 'enrolled' });
    expect(id.status().fingerprint).not.toBe(made);
    expect(sent).toBe(id.status().fingerprint);
  });

  it('enrolled with another API is not enrolled with this one', async () => {
    const d = dir();
    const first = identity(d, 'https://staging.example.vn');
    await first.enrol('ABCD-EFGH-JKMN', {
      enrol: async () => ({ ok: true, value: { deviceId: 'BMT-01', enrolledAt: '2026-12-01T00:00:00.000Z' } }),
    });
    expect(identity(d, 'https://staging.example.vn').status().state).toBe('enrolled');
    expect(identity(d, 'https://api.example.vn').status().state).toBe('not_enrolled');
  });
});

describe('the API clock', () => {
  it('measures the offset from the Date header at the middle of the round trip, and corrects now()', () => {
    let t = 1_000_000;
    const clock = buildApiClock({ now: () => t });
    expect(clock.offsetMs()).toBeNull();
    expect(clock.now()).toBe(t);
    clock.observe(new Date(1_000_000 + 600_000).toUTCString(), 1_000_000 - 100, 1_000_000 + 100);
    expect(Math.abs(clock.offsetMs()! - 600_000)).toBeLessThanOrEqual(1000);
    t = 2_000_000;
    expect(clock.now() - t).toBe(clock.offsetMs());
  });

  it('warns IT in the log once when the offset goes beyond a minute, and once when it is back', () => {
    const lines: string[] = [];
    const clock = buildApiClock({ now: () => 0, logger: buildLogger({ write: (l) => lines.push(l) }) });
    const at = (ms: number) => clock.observe(new Date(ms).toUTCString(), 0, 0);
    at(30_000);
    at(125_000);
    at(126_000);
    at(2_000);
    expect(lines.map((l) => JSON.parse(l) as { event: string; offsetSeconds: number })).toEqual([
      expect.objectContaining({ event: 'clock.offset_large', offsetSeconds: 126 }),
      expect.objectContaining({ event: 'clock.offset_ok', offsetSeconds: 3 }),
    ]);
  });

  it('ignores a missing or unreadable Date, and a slow answer once it has a good measure', () => {
    const clock = buildApiClock({ now: () => 0, maxRoundTripMs: 5000 });
    clock.observe(undefined, 0, 10);
    clock.observe('yesterday', 0, 10);
    expect(clock.offsetMs()).toBeNull();
    clock.observe(new Date(60_000).toUTCString(), 0, 0);
    const good = clock.offsetMs();
    clock.observe(new Date(9_000_000).toUTCString(), 0, 20_000);
    expect(clock.offsetMs()).toBe(good);
  });
});

function newKeyPairPublic(): string {
  return newKeyPair().publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
}
