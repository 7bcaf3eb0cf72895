import { PassThrough } from 'node:stream';
import type { FileFormat } from '../main/keys/file-cipher';

/**
 * The attachment store with its files kept as they are: the benchmark's "without encryption" arm
 * (with an unencrypted database), so (a) shows what sealing costs on the same code path.
 */
export const plainFormat: FileFormat = {
  sealed: false,
  sealer: () => ({ update: (plain) => plain, finish: () => Buffer.alloc(0) }),
  opener: () => ({ update: (bytes) => bytes, finish: () => Buffer.alloc(0) }),
  openStream: () => new PassThrough(),
  storedSize: (n) => n,
};
