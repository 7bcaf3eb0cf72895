import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * Files at rest (attachments, staged scans and photos), sealed with AES-256-GCM in chunks so a
 * 50 MB file is encrypted and decrypted as it streams, never whole in memory, and every chunk is
 * authenticated before its bytes are used:
 *
 *   header (40 bytes): "KDVF" | version 1 | 3 reserved | key id (8) | salt (16) | chunk size (u32 BE) | 4 reserved
 *   chunks: ciphertext of up to `chunk size` bytes + 16-byte tag, each under the file key with
 *           nonce = 3 zero bytes | chunk number (u64 BE) | 1 if last else 0, the header as AAD.
 *
 * The file key is HKDF-SHA256(master key, salt, "kiosk-dvc sealed file v1"): a fresh salt per
 * file, so no key/nonce pair repeats across files. The last-chunk flag makes a cut-off file fail
 * (a truncated file cannot pass as a shorter one); chunks cannot be reordered (the number is in
 * the nonce) or moved to another file (other salt, other key). The key id names which master key
 * sealed it (during a key rotation the store holds files under two).
 */
export const SEALED_CHUNK_BYTES = 64 * 1024;
export const SEALED_HEADER_BYTES = 40;
const TAG_BYTES = 16;
const MAGIC = Buffer.from('KDVF', 'latin1');
const VERSION = 1;
const INFO = 'kiosk-dvc sealed file v1';

/** A master key and its id (keys/data-key.ts `DataKey`; the staging area's per-visit key). */
export interface FileKey {
  /** 16 hexadecimal characters (8 bytes), written in the header. */
  id: string;
  bytes: Buffer;
}

export type SealedFileProblem = 'format' | 'unknown_key' | 'damaged' | 'truncated';

export class SealedFileError extends Error {
  constructor(readonly problem: SealedFileProblem) {
    super(`sealed file: ${problem}`);
    this.name = 'SealedFileError';
  }
}

/** The size on disk of a sealed file of `plainBytes` bytes. */
export function sealedSize(plainBytes: number, chunk = SEALED_CHUNK_BYTES): number {
  return SEALED_HEADER_BYTES + plainBytes + TAG_BYTES * Math.max(1, Math.ceil(plainBytes / chunk));
}

function fileKey(master: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', master, salt, INFO, 32));
}

function nonce(n: number, last: boolean): Buffer {
  const iv = Buffer.alloc(12);
  iv.writeBigUInt64BE(BigInt(n), 3);
  iv[11] = last ? 1 : 0;
  return iv;
}

export interface Sealer {
  /** Sealed bytes for the plaintext given so far (whole chunks; the header comes first). */
  update(plain: Buffer): Buffer;
  /** The rest, ending with the last chunk. */
  finish(): Buffer;
}

export function buildSealer(key: FileKey, chunk = SEALED_CHUNK_BYTES): Sealer {
  const header = Buffer.alloc(SEALED_HEADER_BYTES);
  MAGIC.copy(header, 0);
  header[4] = VERSION;
  Buffer.from(key.id, 'hex').copy(header, 8, 0, 8);
  const salt = randomBytes(16);
  salt.copy(header, 16);
  header.writeUInt32BE(chunk, 32);
  const k = fileKey(key.bytes, salt);
  let headerOut = false;
  let n = 0;
  let held: Buffer[] = [];
  let heldBytes = 0;

  const seal = (plain: Buffer, last: boolean): Buffer => {
    const c = createCipheriv('aes-256-gcm', k, nonce(n++, last));
    c.setAAD(header);
    return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
  };
  const start = (): Buffer[] => {
    if (headerOut) return [];
    headerOut = true;
    return [header];
  };

  return {
    update(plain) {
      const out = start();
      const all = heldBytes === 0 ? plain : Buffer.concat([...held, plain], heldBytes + plain.length);
      let at = 0;
      // A chunk is sealed only once more bytes follow it: the last one must carry the last flag.
      while (all.length - at > chunk) {
        out.push(seal(all.subarray(at, at + chunk), false));
        at += chunk;
      }
      // Copied: the caller may reuse its buffer once this returns.
      const rest = Buffer.from(all.subarray(at));
      held = rest.length > 0 ? [rest] : [];
      heldBytes = rest.length;
      return out.length === 1 ? out[0]! : Buffer.concat(out);
    },
    finish() {
      const out = start();
      out.push(seal(held.length === 1 ? held[0]! : Buffer.concat(held, heldBytes), true));
      held = [];
      heldBytes = 0;
      return Buffer.concat(out);
    },
  };
}

export interface Opener {
  /** Plaintext of the chunks complete so far, each authenticated. */
  update(sealed: Buffer): Buffer;
  /** The last chunk's plaintext; throws if the file ends early or was cut at a chunk boundary. */
  finish(): Buffer;
}

/** `keyFor` finds the master key by the id in the header (null: not a key this kiosk has). */
export function buildOpener(keyFor: (id: string) => Buffer | null): Opener {
  let buffered: Buffer = Buffer.alloc(0);
  let header: Buffer | null = null;
  let k: Buffer | null = null;
  let chunk = 0;
  let n = 0;
  let done = false;

  const open = (sealed: Buffer, last: boolean): Buffer => {
    const d = createDecipheriv('aes-256-gcm', k!, nonce(n++, last));
    d.setAAD(header!);
    d.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      return Buffer.concat([d.update(sealed.subarray(0, sealed.length - TAG_BYTES)), d.final()]);
    } catch {
      throw new SealedFileError(last ? 'truncated' : 'damaged');
    }
  };
  const readHeader = () => {
    if (header || buffered.length < SEALED_HEADER_BYTES) return;
    const h = Buffer.from(buffered.subarray(0, SEALED_HEADER_BYTES));
    if (!h.subarray(0, 4).equals(MAGIC) || h[4] !== VERSION) throw new SealedFileError('format');
    chunk = h.readUInt32BE(32);
    if (chunk < 1024 || chunk > 16 * 1024 * 1024) throw new SealedFileError('format');
    const master = keyFor(h.subarray(8, 16).toString('hex'));
    if (!master) throw new SealedFileError('unknown_key');
    header = h;
    k = fileKey(master, h.subarray(16, 32));
    buffered = buffered.subarray(SEALED_HEADER_BYTES);
  };

  return {
    update(sealed) {
      if (done) throw new SealedFileError('damaged');
      buffered = buffered.length === 0 ? sealed : Buffer.concat([buffered, sealed]);
      readHeader();
      if (!header) return Buffer.alloc(0);
      const out: Buffer[] = [];
      const whole = chunk + TAG_BYTES;
      let at = 0;
      // Strictly more than one chunk's worth: the bytes after it prove it is not the last.
      while (buffered.length - at > whole) {
        out.push(open(buffered.subarray(at, at + whole), false));
        at += whole;
      }
      buffered = Buffer.from(buffered.subarray(at));
      return out.length === 1 ? out[0]! : Buffer.concat(out);
    },
    finish() {
      if (done) throw new SealedFileError('damaged');
      done = true;
      readHeader();
      if (!header || buffered.length < TAG_BYTES) throw new SealedFileError('truncated');
      return open(buffered, true);
    },
  };
}

/** A stream that seals what goes through it. */
export function sealStream(key: FileKey, chunk?: number): Transform {
  const s = buildSealer(key, chunk);
  return new Transform({
    transform(data: Buffer, _enc, done: TransformCallback) {
      done(null, s.update(data));
    },
    flush(done: TransformCallback) {
      done(null, s.finish());
    },
  });
}

/** A stream that opens a sealed file; it errors (SealedFileError) on anything not sealed whole with a known key. */
export function openStream(keyFor: (id: string) => Buffer | null): Transform {
  const o = buildOpener(keyFor);
  return new Transform({
    transform(data: Buffer, _enc, done: TransformCallback) {
      try {
        const plain = o.update(data);
        done(null, plain.length > 0 ? plain : undefined);
      } catch (e) {
        done(e as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        done(null, o.finish());
      } catch (e) {
        done(e as Error);
      }
    },
  });
}

/**
 * How the attachment store writes and reads its files. The kiosk always uses `sealedFormat`; the
 * benchmark measures the same store with bytes kept as they are, to show what sealing costs.
 */
export interface FileFormat {
  sealed: boolean;
  sealer(key: FileKey): Sealer;
  opener(keyFor: (id: string) => Buffer | null): Opener;
  openStream(keyFor: (id: string) => Buffer | null): Transform;
  storedSize(plainBytes: number): number;
}

export const sealedFormat: FileFormat = {
  sealed: true,
  sealer: (key) => buildSealer(key),
  opener: (keyFor) => buildOpener(keyFor),
  openStream: (keyFor) => openStream(keyFor),
  storedSize: (n) => sealedSize(n),
};
