import { createHmac, randomBytes } from 'node:crypto';
import type { DataKey } from '../../keys/data-key';
import type { Db } from '../../store/db';
import { buildSettingsRepository } from '../../store/kiosk-identity';
import type { AttachmentCrypto } from './attachment-files';

const NAME_KEY_SETTING = 'attachment_name_key';

/**
 * The attachment store's keys: files are sealed under the data key (the next one too can open
 * them during a rotation), and named by HMAC-SHA256 of their SHA-256 under a name key kept inside
 * the encrypted database — a plain SHA-256 name would let anyone holding a copy of a document (a
 * citizen's ID card scan) tell whether this kiosk has it. The name key never changes: a rotation
 * re-seals the files and leaves their names.
 */
export function attachmentCrypto(db: Db, keys: { current: DataKey; next: DataKey | null }): AttachmentCrypto {
  const settings = buildSettingsRepository(db);
  let hex = settings.get(NAME_KEY_SETTING);
  if (!hex) {
    hex = randomBytes(32).toString('hex');
    settings.put(NAME_KEY_SETTING, hex);
  }
  const nameKey = Buffer.from(hex, 'hex');
  const byId = new Map([keys.current, ...(keys.next ? [keys.next] : [])].map((k) => [k.id, k.bytes]));
  return {
    nameOf: (sha256) => createHmac('sha256', nameKey).update(sha256).digest('hex'),
    sealWith: keys.current,
    keyFor: (id) => byId.get(id) ?? null,
  };
}

/**
 * The attachment store without its database (lost, or not opened yet): the name key is inside the
 * database, so the folder can be listed and its files moved as they are — to quarantine — but no
 * name computed, no file read or written.
 */
export const keysOutOfReach: AttachmentCrypto = {
  nameOf() {
    throw new Error('attachment file names need the name key kept in the database');
  },
  get sealWith(): never {
    throw new Error('attachment files are sealed only with the database open');
  },
  keyFor: () => null,
};
