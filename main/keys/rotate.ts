import { join } from 'node:path';
import type { Logger } from '../log';
import { DATABASE_FILE, keyOpening, rebuildFileUnderKey } from '../store/encrypted-database';
import { newDataKey, type DataKey, type DataKeyring } from './data-key';
import { removeResealLeftovers, resealFiles } from './reseal';

export type RotationStep = 'keys-recorded' | 'files-resealed' | 'database-copied' | 'database-rekeyed' | 'database-replaced' | 'done';

/**
 * `kiosk-admin rotate-key`: the kiosk's data moves to a new data key, crash-safe at every step
 * (the data folder must be locked: the kiosk is not running).
 *
 * 1. The key file records both keys (current and next) in one atomic write, before anything else.
 * 2. Every sealed file (attachments, quarantined evidence) is sealed again under the next key,
 *    one file at a time, each replaced by a rename.
 * 3. The database (and any other database file named, e.g. backups) is rebuilt under the next key
 *    beside itself and renamed over (store/encrypted-database.ts).
 * 4. The key file records the next key as the only one.
 *
 * Stopped anywhere (a power cut, SIGKILL), the kiosk starts with either key: files carry their
 * key's id, and the database opens with whichever of the two fits (the next one is then recorded
 * as current). Run again, the rotation carries on with the same next key.
 */
export async function rotateDataKey(opts: {
  dataDir: string;
  keyring: DataKeyring;
  /** Other database files under the same key (backups). */
  databases?: readonly string[];
  nativeBinding?: string;
  logger: Logger;
  onStep?: (step: RotationStep) => void;
  /** Folders whose files are not the rotation's to touch (the staging area). */
  skip?: readonly string[];
}): Promise<{ from: string; to: string; files: number }> {
  const { keyring, logger } = opts;
  if (keyring.source === 'env') throw new Error('the data key comes from KIOSK_DATA_KEY: rotate it where that variable is set (see README, "Data key"), not with this command');
  const from = keyring.current;
  let next: DataKey;
  if (keyring.next) {
    next = keyring.next;
    logger.info('data_key.rotation_resumed', { from: from.id, to: next.id });
  } else {
    next = newDataKey();
    keyring.beginRotation(next);
  }
  opts.onStep?.('keys-recorded');

  const byId = new Map([from, next].map((k) => [k.id, k.bytes]));
  removeResealLeftovers(opts.dataDir);
  const files = await resealFiles(opts.dataDir, { sealWith: next, keyFor: (id) => byId.get(id) ?? null, skip: opts.skip });
  opts.onStep?.('files-resealed');

  for (const file of [join(opts.dataDir, DATABASE_FILE), ...(opts.databases ?? [])]) {
    const under = keyOpening(file, [from.bytes, next.bytes], opts.nativeBinding);
    if (under === null) throw new Error(`${file} opens with neither the current nor the next data key`);
    if (under === next.bytes) continue; // already moved by a run that stopped before the end
    rebuildFileUnderKey(file, {
      from: from.bytes,
      to: next.bytes,
      nativeBinding: opts.nativeBinding,
      onStep: (s) => opts.onStep?.(s === 'copied' ? 'database-copied' : s === 'rekeyed' ? 'database-rekeyed' : 'database-replaced'),
    });
  }
  keyring.promote();
  logger.info('data_key.rotated', { from: from.id, to: next.id, files });
  opts.onStep?.('done');
  return { from: from.id, to: next.id, files };
}
