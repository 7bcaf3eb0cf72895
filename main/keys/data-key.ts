import { createHash, randomBytes } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { err, ok, type Result } from '../../common/result';
import { isInside, readSecretFile, writeSecretFile, type SecretFileProblem } from './secret-file';
import type { KeyProtection, KeySealer, ShellKeys } from './sealer';

/**
 * The data key: 32 random bytes that encrypt the kiosk's database (SQLCipher pages) and, through
 * keys kept inside that database, its attachment files. It is never in the data folder, so a copy
 * of the folder (a stolen disk, a backup left on a share) reveals nothing. It comes from, in order:
 *
 * 1. `KIOSK_DATA_KEY`: 64 hexadecimal characters, for tools and service managers that hold secrets;
 * 2. the key file `dataKey.file` (or `KIOSK_DATA_KEY_FILE`; default `<dataDir>-keys/data-key.json`,
 *    beside the data folder, never in it): either sealed by the OS (`os`, the Electron app) or an
 *    owner-only file (`file`), which may also be a bare 64-hex-character file IT made itself.
 *
 * During a key rotation the file holds the current key and the next one: the database is under
 * one of the two at every moment, so a kiosk stopped at any point opens with whichever fits.
 */
export const DATA_KEY_BYTES = 32;
export const KEY_FILE_NAME = 'data-key.json';

/** sysexits.h EX_NOPERM: the data exists but this kiosk cannot unlock it (the key is lost or wrong). */
export const EX_DATA_LOCKED = 77;
/** sysexits.h EX_CONFIG: the key is set up wrongly (permissions, place, protection). */
export const EX_CONFIG = 78;

export interface DataKey {
  bytes: Buffer;
  /** A fingerprint for logs and IT's tools (not secret: 8 bytes of the key's SHA-256). */
  id: string;
}

export function dataKeyFrom(bytes: Buffer): DataKey {
  if (bytes.length !== DATA_KEY_BYTES) throw new Error(`a data key is ${DATA_KEY_BYTES} bytes`);
  return { bytes, id: createHash('sha256').update(bytes).digest('hex').slice(0, 16) };
}

export const newDataKey = (): DataKey => dataKeyFrom(randomBytes(DATA_KEY_BYTES));

export type DataKeyProblemCode =
  | 'data_key_missing'
  | 'data_key_unreadable'
  | 'data_key_unsealable'
  | 'data_key_wrong'
  | 'data_key_not_configured'
  | 'data_key_exposed'
  | 'data_key_misplaced'
  | 'data_key_protection_unavailable'
  | 'data_key_invalid';

/**
 * The kiosk will not start on this data folder: what is missing and what IT must do. A lost or
 * wrong key is EX_DATA_LOCKED (77), never a fresh empty database over the old one; a key set up
 * wrongly is EX_CONFIG (78).
 */
export class DataKeyRefusal extends Error {
  readonly exitCode: number;
  constructor(
    readonly code: DataKeyProblemCode,
    message: string,
  ) {
    super(message);
    this.name = 'DataKeyRefusal';
    this.exitCode = code === 'data_key_missing' || code === 'data_key_unreadable' || code === 'data_key_unsealable' || code === 'data_key_wrong' ? EX_DATA_LOCKED : EX_CONFIG;
  }
}

/** The line a shell prints (stderr, or an error dialog): Vietnamese, then English. */
export function dataKeyRefusalText(e: DataKeyRefusal): string {
  const vi =
    e.exitCode === EX_DATA_LOCKED
      ? 'Kiosk không mở được dữ liệu đã mã hoá (thiếu hoặc sai khoá dữ liệu). Hãy báo bộ phận CNTT.'
      : 'Khoá dữ liệu của kiosk chưa được thiết lập đúng. Hãy báo bộ phận CNTT.';
  return `${vi}\n${e.message}`;
}

const KeyFile = z
  .object({
    format: z.literal('kiosk-dvc-data-key'),
    v: z.literal(1),
    protection: z.enum(['os', 'file']),
    /** base64 of the sealed key the database is under. */
    current: z.string().min(1),
    /** base64 of the sealed key a rotation is moving the database to; null when none is under way. */
    next: z.string().min(1).nullable(),
    updatedAt: z.string(),
  })
  .strict();
type KeyFile = z.infer<typeof KeyFile>;

const HEX_KEY = /^[0-9a-fA-F]{64}$/;

/** Where the key is when the configuration does not say: beside the data folder, never in it. */
export function defaultDataKeyFile(dataDir: string): string | null {
  const abs = resolve(dataDir);
  const name = basename(abs);
  return name === '' ? null : join(dirname(abs), `${name}-keys`, KEY_FILE_NAME);
}

export interface DataKeySettings {
  /** From `dataKey.file` / KIOSK_DATA_KEY_FILE, absolute; null: the default place. */
  file: string | null;
  /** How a new key file is sealed; null: the shell's default (`os` in Electron, `file` in Node). */
  protection: KeyProtection | null;
}

/** What the data folder holds: decides whether a missing key is a first start or a lost key. */
export type DatabaseState = 'absent' | 'plaintext' | 'encrypted';

export interface DataKeyring {
  source: 'env' | 'file';
  /** The key file, or null when the key came from KIOSK_DATA_KEY. */
  file: string | null;
  protection: KeyProtection | 'env';
  current: DataKey;
  /** Set while a rotation is under way (or was cut short). */
  next: DataKey | null;
  /** Made by this start (a first start, or the first start of a build that encrypts). */
  created: boolean;
  /** Writes "the database is under `next`, which is now the current key". */
  promote(): void;
  /** Writes "moving from `current` to `next`", before the database is touched. */
  beginRotation(next: DataKey): void;
}

const describeFileProblem = (file: string, p: SecretFileProblem): string => {
  switch (p.kind) {
    case 'missing':
      return `${file} does not exist`;
    case 'exposed':
      return `${file} can be read by other accounts (mode ${p.mode})`;
    case 'foreign_owner':
      return `${file} belongs to another account (uid ${p.uid})`;
    case 'unreadable':
      return `${file} cannot be read (${p.reason})`;
  }
};

/**
 * Finds (or, where allowed, makes) the data key for `dataDir`. `mayCreate`: a DEMO kiosk makes
 * its own key file; a production kiosk only an OS-sealed one (the Electron app on first start),
 * never an unprotected file in a place IT did not choose.
 */
export function resolveDataKey(opts: {
  dataDir: string;
  settings: DataKeySettings;
  env: NodeJS.ProcessEnv;
  keys: ShellKeys;
  database: DatabaseState;
  demo: boolean;
  platform?: NodeJS.Platform;
  now?: () => Date;
}): Result<DataKeyring, DataKeyRefusal> {
  const platform = opts.platform ?? process.platform;
  const now = opts.now ?? (() => new Date());
  const dbFile = join(opts.dataDir, 'kiosk.sqlite3');
  const refuse = (code: DataKeyProblemCode, message: string) => err(new DataKeyRefusal(code, message));

  const fromEnv = opts.env.KIOSK_DATA_KEY;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!HEX_KEY.test(fromEnv.trim())) return refuse('data_key_invalid', 'KIOSK_DATA_KEY must be exactly 64 hexadecimal characters (32 bytes), e.g. the output of "openssl rand -hex 32"');
    const current = dataKeyFrom(Buffer.from(fromEnv.trim(), 'hex'));
    const noFile = () => {
      throw new Error('a data key from KIOSK_DATA_KEY has no key file to record a rotation in');
    };
    return ok({ source: 'env', file: null, protection: 'env', current, next: null, created: false, promote: noFile, beginRotation: noFile });
  }

  const file = opts.settings.file ?? defaultDataKeyFile(opts.dataDir);
  if (!file) return refuse('data_key_not_configured', `the data folder ${opts.dataDir} has no parent folder to keep its key beside: set dataKey.file in kiosk.config.json`);
  if (isInside(realish(file), realish(opts.dataDir), platform)) {
    return refuse('data_key_misplaced', `the data key file ${file} is inside the data folder ${opts.dataDir}, where a copy of the folder would carry it: set dataKey.file to a path outside it`);
  }

  const read = readSecretFile(file, { platform });
  if (!read.ok) {
    const problem = read.error;
    if (problem.kind === 'exposed') return refuse('data_key_exposed', `the data key ${describeFileProblem(file, problem)}: run "chmod 600 '${file}'" (and give the kiosk a new key with kiosk-admin rotate-key if anyone else may have copied it)`);
    if (problem.kind === 'foreign_owner') return refuse('data_key_exposed', `the data key ${describeFileProblem(file, problem)}: run the kiosk as that account, or "chown" the file to the kiosk's account`);
    if (problem.kind === 'unreadable') return refuse('data_key_unreadable', `the data key ${describeFileProblem(file, problem)}: check the file and its permissions`);
    // Missing. With encrypted data already here the key is lost: refuse, never start empty over it.
    if (opts.database === 'encrypted') {
      return refuse(
        'data_key_missing',
        `the database ${dbFile} is encrypted and its data key ${file} is missing. Put the key file back (from the copy IT keeps), or set KIOSK_DATA_KEY, and start again. Without that key the data cannot be read; the kiosk will not start an empty database over it.`,
      );
    }
    const protection = opts.settings.protection ?? opts.keys.defaultProtection;
    if (!opts.demo && protection === 'file') {
      return refuse(
        'data_key_not_configured',
        `this kiosk has no data key yet (${file}): make one as the kiosk's account with "openssl rand -hex 32 > '${file}' && chmod 600 '${file}'" (keep a copy somewhere safe), or set KIOSK_DATA_KEY; in the Electron app, "dataKey": { "protection": "os" } lets the kiosk seal its own`,
      );
    }
    const sealer = opts.keys.sealerFor(protection);
    if ('unavailable' in sealer) return refuse('data_key_protection_unavailable', `dataKey.protection is "${protection}" but ${sealer.unavailable}: set "dataKey": { "protection": "file" } and give the kiosk a key file`);
    const current = newDataKey();
    try {
      writeSecretFile(file, serialise({ sealer, current, next: null, now: now() }), { platform });
    } catch (e) {
      return refuse('data_key_not_configured', `the data key file ${file} cannot be written (${(e as NodeJS.ErrnoException).code ?? 'write failed'}): create its folder, writable only by the kiosk's account, or set dataKey.file`);
    }
    return ok(keyringFor({ file, sealer, current, next: null, created: true, platform, now }));
  }

  const text = read.value.toString('utf8').trim();
  // A bare key IT made with openssl: owner-only file protection.
  if (HEX_KEY.test(text)) {
    return ok(keyringFor({ file, sealer: opts.keys.sealerFor('file') as KeySealer, current: dataKeyFrom(Buffer.from(text, 'hex')), next: null, created: false, platform, now }));
  }
  let parsed: KeyFile;
  try {
    const p = KeyFile.safeParse(JSON.parse(text));
    if (!p.success) return refuse('data_key_unreadable', `${file} is not a data key file (expected 64 hexadecimal characters or the kiosk's own JSON key file)`);
    parsed = p.data;
  } catch {
    return refuse('data_key_unreadable', `${file} is not a data key file (expected 64 hexadecimal characters or the kiosk's own JSON key file)`);
  }
  const sealer = opts.keys.sealerFor(parsed.protection);
  if ('unavailable' in sealer) {
    return refuse('data_key_unsealable', `the data key ${file} was sealed by the operating system ("os"), but ${sealer.unavailable}: start the Electron app as the account that made it`);
  }
  const unseal = (b64: string): DataKey | null => {
    try {
      const bytes = sealer.unseal(Buffer.from(b64, 'base64'));
      return bytes.length === DATA_KEY_BYTES ? dataKeyFrom(bytes) : null;
    } catch {
      return null;
    }
  };
  const current = unseal(parsed.current);
  const next = parsed.next === null ? null : unseal(parsed.next);
  if (!current || (parsed.next !== null && !next)) {
    return refuse(
      'data_key_unsealable',
      `the data key ${file} cannot be unsealed here: it was sealed by the operating system for another Windows/Linux account or another machine. Start the kiosk as the account that made it (or restore that account's profile); without it the data cannot be read.`,
    );
  }
  return ok(keyringFor({ file, sealer, current, next, created: false, platform, now }));
}

function keyringFor(k: {
  file: string;
  sealer: KeySealer;
  current: DataKey;
  next: DataKey | null;
  created: boolean;
  platform: NodeJS.Platform;
  now: () => Date;
}): DataKeyring {
  const ring: DataKeyring = {
    source: 'file',
    file: k.file,
    protection: k.sealer.protection,
    current: k.current,
    next: k.next,
    created: k.created,
    promote() {
      if (!ring.next) return;
      writeSecretFile(k.file, serialise({ sealer: k.sealer, current: ring.next, next: null, now: k.now() }), { platform: k.platform });
      ring.current = ring.next;
      ring.next = null;
    },
    beginRotation(next) {
      writeSecretFile(k.file, serialise({ sealer: k.sealer, current: ring.current, next, now: k.now() }), { platform: k.platform });
      ring.next = next;
    },
  };
  return ring;
}

function serialise(k: { sealer: KeySealer; current: DataKey; next: DataKey | null; now: Date }): string {
  const body: KeyFile = {
    format: 'kiosk-dvc-data-key',
    v: 1,
    protection: k.sealer.protection,
    current: k.sealer.seal(k.current.bytes).toString('base64'),
    next: k.next ? k.sealer.seal(k.next.bytes).toString('base64') : null,
    updatedAt: k.now.toISOString(),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** The real path of what exists of `p` (a symlinked folder must not hide the data folder). */
function realish(p: string): string {
  let head = resolve(p);
  const tail: string[] = [];
  while (!existsSync(head)) {
    const up = dirname(head);
    if (up === head) return resolve(p);
    tail.unshift(basename(head));
    head = up;
  }
  try {
    return join(realpathSync.native(head), ...tail);
  } catch {
    return resolve(p);
  }
}
