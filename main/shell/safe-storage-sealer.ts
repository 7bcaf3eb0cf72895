import type { SafeStorage } from 'electron';
import { fileKeySealer, type KeySealer, type SealerFor } from '../keys/sealer';

export type KeySafeStorage = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

/**
 * The Electron app's sealing: Electron's safeStorage (DPAPI for the kiosk's Windows account; the
 * Secret Service or KWallet on Linux). Where it would not really protect anything — unavailable,
 * or on Linux its `basic_text` fallback, a password built into Chromium — `os` is refused rather
 * than pretended, and the refusal to start names the fix. safeStorage is passed in, not imported,
 * so a test drives this with a fake (Electron cannot start in CI).
 */
export function safeStorageSealers(safeStorage: KeySafeStorage, platform: NodeJS.Platform): SealerFor {
  return (protection) => {
    if (protection === 'file') return fileKeySealer;
    if (!safeStorage.isEncryptionAvailable()) {
      return { unavailable: 'the operating system offers no key store to this account (Electron safeStorage is unavailable)' };
    }
    // getSelectedStorageBackend exists on Linux only; elsewhere DPAPI / the Keychain is the backend.
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return { unavailable: 'this Linux session has no keyring (Electron safeStorage fell back to basic_text, which protects nothing)' };
    }
    const sealer: KeySealer = {
      protection: 'os',
      // safeStorage seals strings; the secret goes in as base64 so any bytes survive.
      seal: (secret) => safeStorage.encryptString(secret.toString('base64')),
      unseal: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
    };
    return sealer;
  };
}
