import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { publicKeyFingerprint, publicKeyFromBase64, publicKeyToBase64 } from '../../../common/provincial/request-signing';
import { err, ok, type Result } from '../../../common/result';
import type { KeyProtection, KeySealer } from '../../keys/sealer';

/**
 * Where a kiosk keeps its device key: one file, `device-key.json`, in a folder of its own outside
 * the data folder (a copied database, or a backup of it, carries no key and cannot submit).
 *
 * The private key never leaves the kiosk. It is sealed by `sealer`: in the Electron app by the
 * operating system (Electron safeStorage: DPAPI on Windows, the keyring on Linux), so the file
 * alone is useless on another machine or to another user; in the browser shell, where no such
 * service exists, it is stored as is and protected by the file's permissions only (0600 in a
 * 0700 folder, checked at every start). The public key and the enrolment sit beside it in clear:
 * they are not secret, and IT's tools show them without unsealing anything.
 *
 * Key and enrolment change together in one atomic rename, so a crash can never leave a key that
 * does not match the enrolment the API holds.
 */
export interface DeviceKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  fingerprint: string;
}

export interface EnrolmentRecord {
  deviceId: string;
  /** The API it was enrolled with: pointed at another API, the kiosk is not enrolled there. */
  apiBaseUrl: string;
  enrolledAt: string;
}

export interface StoredDevice {
  key: DeviceKeyPair;
  protection: KeyProtection;
  enrolment: EnrolmentRecord | null;
}

/** Why the kiosk cannot have its key; each is a refusal to start with IT's fix in the message. */
export type KeyStoreProblem =
  | { code: 'device_key_unavailable'; message: string }
  | { code: 'device_key_unreadable'; message: string }
  | { code: 'device_key_exposed'; message: string };

const KeyFile = z
  .object({
    v: z.literal(1),
    protection: z.enum(['os', 'file']),
    sealedKey: z.string().min(1),
    publicKey: z.string().min(1),
    enrolment: z.object({ deviceId: z.string(), apiBaseUrl: z.string(), enrolledAt: z.string() }).nullable(),
  })
  .strict();

export const KEY_FILE_NAME = 'device-key.json';

export function newKeyPair(): DeviceKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, fingerprint: publicKeyFingerprint(publicKey) };
}

export interface KeyStore {
  dir: string;
  file: string;
  protection: KeyProtection;
  /** What is on disk, without unsealing the private key: for IT's tools. */
  peek(): { fingerprint: string; enrolment: EnrolmentRecord | null; protection: KeyProtection } | null;
  /** The kiosk's key and enrolment; on first start a new key pair, made and stored now. */
  loadOrCreate(): Result<StoredDevice, KeyStoreProblem>;
  /** Replaces key and enrolment together (enrolment, re-enrolment). */
  save(device: { key: DeviceKeyPair; enrolment: EnrolmentRecord | null }): Result<void, KeyStoreProblem>;
  /** Changes when the file does (another process enrolled the kiosk): its mtime and size, or null. */
  stamp(): string | null;
}

export function openKeyStore(opts: { dir: string; sealer: KeySealer; platform?: NodeJS.Platform }): KeyStore {
  const { dir, sealer } = opts;
  const file = join(dir, KEY_FILE_NAME);
  const posix = (opts.platform ?? process.platform) !== 'win32';

  const unavailable = (why: string): KeyStoreProblem => ({
    code: 'device_key_unavailable',
    message: `the device key folder ${dir} cannot be used (${why}): create it, writable only by the account the kiosk runs as, or set device.keyDir`,
  });
  const unreadable = (why: string): KeyStoreProblem => ({
    code: 'device_key_unreadable',
    message: `the device key ${file} cannot be read (${why}): run the kiosk as the account that enrolled it, or enrol it again (kiosk-admin enrol CODE), which makes a new key`,
  });

  function readFile(): Result<z.infer<typeof KeyFile> | null, KeyStoreProblem> {
    if (!existsSync(file)) return ok(null);
    if (posix) {
      const mode = statSync(file).mode & 0o777;
      if (mode & 0o077) {
        return err({
          code: 'device_key_exposed',
          message: `the device key ${file} can be read by other accounts (mode ${mode.toString(8)}): run "chmod 600 ${file}", then enrol the kiosk again if anyone else may have copied it`,
        });
      }
    }
    try {
      const parsed = KeyFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      return parsed.success ? ok(parsed.data) : err(unreadable('not a device key file'));
    } catch (e) {
      return err(unreadable(e instanceof Error ? e.message : 'unreadable'));
    }
  }

  function write(device: { key: DeviceKeyPair; enrolment: EnrolmentRecord | null }): Result<void, KeyStoreProblem> {
    const body = JSON.stringify({
      v: 1,
      protection: sealer.protection,
      sealedKey: sealer.seal(device.key.privateKey.export({ type: 'pkcs8', format: 'der' })).toString('base64'),
      publicKey: publicKeyToBase64(device.key.publicKey),
      enrolment: device.enrolment,
    });
    const tmp = `${file}.tmp`;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const fd = openSync(tmp, 'w', 0o600);
      try {
        writeSync(fd, body);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      if (posix) chmodSync(tmp, 0o600);
      renameSync(tmp, file);
      return ok(undefined);
    } catch (e) {
      return err(unavailable((e as NodeJS.ErrnoException).code ?? 'write failed'));
    }
  }

  return {
    dir,
    file,
    protection: sealer.protection,
    peek() {
      const read = readFile();
      if (!read.ok || !read.value) return null;
      const publicKey = publicKeyFromBase64(read.value.publicKey);
      return publicKey
        ? { fingerprint: publicKeyFingerprint(publicKey), enrolment: read.value.enrolment, protection: read.value.protection }
        : null;
    },
    loadOrCreate() {
      const read = readFile();
      if (!read.ok) return read;
      if (read.value === null) {
        const key = newKeyPair();
        const saved = write({ key, enrolment: null });
        return saved.ok ? ok({ key, protection: sealer.protection, enrolment: null }) : saved;
      }
      const stored = read.value;
      if (stored.protection !== sealer.protection) {
        return err(
          unreadable(`it was sealed with "${stored.protection}" protection, and this kiosk now uses "${sealer.protection}"`),
        );
      }
      let privateKey: KeyObject;
      try {
        privateKey = createPrivateKey({
          key: sealer.unseal(Buffer.from(stored.sealedKey, 'base64')),
          format: 'der',
          type: 'pkcs8',
        });
      } catch {
        return err(unreadable('it cannot be unsealed here'));
      }
      const publicKey = publicKeyFromBase64(stored.publicKey);
      if (
        privateKey.asymmetricKeyType !== 'ed25519' ||
        !publicKey ||
        publicKeyFingerprint(publicKey) !== publicKeyFingerprint(createPublicKey(privateKey))
      ) {
        return err(unreadable('its private and public halves do not match'));
      }
      return ok({
        key: { privateKey, publicKey, fingerprint: publicKeyFingerprint(publicKey) },
        protection: stored.protection,
        enrolment: stored.enrolment,
      });
    },
    save: write,
    stamp() {
      try {
        const st = statSync(file);
        return `${st.mtimeMs}:${st.size}:${st.ino}`;
      } catch {
        return null;
      }
    },
  };
}
