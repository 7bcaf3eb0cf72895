import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { KeySafeStorage } from '../../main/shell/safe-storage-sealer';

/**
 * Behaves like Electron's safeStorage (Electron cannot start here): strings in, opaque bytes out,
 * sealed for one "OS account" — another account (another `accountSecret`) cannot decrypt them and
 * gets the error safeStorage throws. Like DPAPI and the Linux keyring, the result carries a version
 * prefix and differs every time for the same input.
 */
export function fakeSafeStorage(opts: { accountSecret?: string; available?: boolean; backend?: ReturnType<KeySafeStorage['getSelectedStorageBackend']> } = {}): KeySafeStorage & { calls: number } {
  const key = createHash('sha256').update(opts.accountSecret ?? 'kiosk account on this machine').digest();
  const state = {
    calls: 0,
    isEncryptionAvailable: () => opts.available ?? true,
    getSelectedStorageBackend: () => opts.backend ?? 'gnome_libsecret',
    encryptString(plain: string): Buffer {
      state.calls += 1;
      if (!(opts.available ?? true)) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([Buffer.from('v11'), iv, c.getAuthTag(), body]);
    },
    decryptString(sealed: Buffer): string {
      state.calls += 1;
      try {
        if (!sealed.subarray(0, 3).equals(Buffer.from('v11'))) throw new Error('bad prefix');
        const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(3, 15));
        d.setAuthTag(sealed.subarray(15, 31));
        return Buffer.concat([d.update(sealed.subarray(31)), d.final()]).toString('utf8');
      } catch {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      }
    },
  };
  return state;
}
