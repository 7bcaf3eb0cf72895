import { describe, expect, it } from 'vitest';
import { safeStorageSealers } from '../../main/shell/safe-storage-sealer';
import { fakeSafeStorage } from '../support/fake-safe-storage';

describe('sealing keys with Electron safeStorage (a fake that behaves like it)', () => {
  const secret = Buffer.from('0123456789abcdef0123456789abcdef');

  it('seals with the OS so the sealed bytes do not contain the key, and unseals them back', () => {
    const sealer = safeStorageSealers(fakeSafeStorage(), 'win32')('os');
    if ('unavailable' in sealer) throw new Error(sealer.unavailable);
    expect(sealer.protection).toBe('os');
    const sealed = sealer.seal(secret);
    expect(sealed.includes(secret)).toBe(false);
    expect(sealed.includes(Buffer.from(secret.toString('base64')))).toBe(false);
    expect(sealer.unseal(sealed).equals(secret)).toBe(true);
  });

  it('another account cannot unseal what this one sealed', () => {
    const mine = safeStorageSealers(fakeSafeStorage({ accountSecret: 'kiosk' }), 'win32')('os');
    const theirs = safeStorageSealers(fakeSafeStorage({ accountSecret: 'someone else' }), 'win32')('os');
    if ('unavailable' in mine || 'unavailable' in theirs) throw new Error('unavailable');
    expect(() => theirs.unseal(mine.seal(secret))).toThrow();
  });

  it('refuses "os" where the OS offers no key store, and on Linux where it fell back to basic_text', () => {
    expect(safeStorageSealers(fakeSafeStorage({ available: false }), 'win32')('os')).toMatchObject({ unavailable: expect.stringContaining('no key store') });
    expect(safeStorageSealers(fakeSafeStorage({ backend: 'basic_text' }), 'linux')('os')).toMatchObject({ unavailable: expect.stringContaining('basic_text') });
    // basic_text is a Linux notion: elsewhere the backend answer is not consulted.
    expect(safeStorageSealers(fakeSafeStorage({ backend: 'basic_text' }), 'win32')('os')).toMatchObject({ protection: 'os' });
  });

  it('"file" protection never calls safeStorage', () => {
    const storage = fakeSafeStorage();
    const sealer = safeStorageSealers(storage, 'linux')('file');
    if ('unavailable' in sealer) throw new Error(sealer.unavailable);
    expect(sealer.unseal(sealer.seal(secret)).equals(secret)).toBe(true);
    expect(storage.calls).toBe(0);
  });
});
