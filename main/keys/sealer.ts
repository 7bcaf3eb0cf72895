/**
 * How a secret the kiosk keeps on disk (the data key; the device's signing key) is protected
 * there. `os`: sealed by the operating system for the account the kiosk runs as — the Electron
 * app's safeStorage (DPAPI on Windows, the Secret Service or KWallet on Linux), so the file alone
 * is useless on another machine or to another account. `file`: stored as is, protected only by
 * the file's owner-only permissions — the browser shell's and the tools' way, where plain Node
 * has no OS key store.
 *
 * One module for every secret the kiosk keeps, so a shell says once how it can seal
 * (`SealerFor`) and each key store asks it for the protection its configuration names.
 */
export type KeyProtection = 'os' | 'file';

export interface KeySealer {
  protection: KeyProtection;
  seal(secret: Buffer): Buffer;
  /** Throws when the sealed bytes cannot be opened here (another machine, another account). */
  unseal(sealed: Buffer): Buffer;
}

/** The owner-only file's "sealing": the bytes as they are. */
export const fileKeySealer: KeySealer = { protection: 'file', seal: (b) => Buffer.from(b), unseal: (b) => Buffer.from(b) };

/** What a shell can do: a sealer for the protection asked for, or why not (a refusal to start names it). */
export type SealerFor = (protection: KeyProtection) => KeySealer | { unavailable: string };

/** The browser shell and the tools (plain Node): owner-only files only. */
export const fileOnlySealers: SealerFor = (protection) =>
  protection === 'file'
    ? fileKeySealer
    : { unavailable: 'only the Electron app can seal keys with the operating system; the browser shell and the tools (plain Node) cannot' };

/** What a shell hands the backend: how it seals, and what it uses when the configuration does not say. */
export interface ShellKeys {
  sealerFor: SealerFor;
  defaultProtection: KeyProtection;
}
