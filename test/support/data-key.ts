import { createHash, createHmac } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openStream } from '../../main/keys/file-cipher';
import { join } from 'node:path';
import { dataKeyFrom, resolveDataKey } from '../../main/keys/data-key';
import { fileOnlySealers } from '../../main/keys/sealer';
import { openSqlite, type Db } from '../../main/store/cipher';

/** Tests that build services on a temp database encrypt it like the kiosk does, under this key. */
export const testEncryption = { key: createHash('sha256').update('kiosk-dvc test data key').digest() };

/** The data key a kiosk process made beside its data folder (demo mode), as IT's tools find it. */
export function kioskDataKey(dataDir: string): Buffer {
  const ring = resolveDataKey({
    dataDir,
    settings: { file: null, protection: null },
    env: {},
    keys: { sealerFor: fileOnlySealers, defaultProtection: 'file' },
    database: 'encrypted',
    demo: false,
  });
  if (!ring.ok) throw ring.error;
  return ring.value.current.bytes;
}

/** A kiosk process's database, opened with its own key (read-only unless asked). */
export function openKioskDb(dataDir: string, opts: { readonly?: boolean } = {}): Db {
  return openSqlite(join(dataDir, 'kiosk.sqlite3'), { key: kioskDataKey(dataDir) }, { readonly: opts.readonly ?? true });
}

/** The same key as the outbox's data keys (attachment files are sealed with it). */
export const testDataKeys = { current: dataKeyFrom(testEncryption.key), next: null };

/** How a kiosk names a document's file (services/outbox/attachment-keys.ts), read from its database. */
export function kioskAttachmentName(dataDir: string): (sha256: string) => string {
  const db = openKioskDb(dataDir);
  try {
    const hex = db.prepare("SELECT value FROM settings WHERE key = 'attachment_name_key'").pluck().get() as string;
    return (sha256) => createHmac('sha256', Buffer.from(hex, 'hex')).update(sha256).digest('hex');
  } finally {
    db.close();
  }
}

/**
 * The SHA-256 of the document inside a sealed attachment file, opened with the data key (files
 * are named by a keyed hash that a lost database takes with it); null when it does not open.
 */
export async function sealedFileSha256(path: string, dataKey: Buffer): Promise<string | null> {
  const key = dataKeyFrom(dataKey);
  const hash = createHash('sha256');
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done();
    },
  });
  try {
    await pipeline(createReadStream(path), openStream((id) => (id === key.id ? key.bytes : null)), sink);
    return hash.digest('hex');
  } catch {
    return null;
  }
}
