import Database from 'better-sqlite3-multiple-ciphers';

export type Db = Database.Database;

/**
 * How a database file is encrypted: SQLCipher 4 pages (AES-256-CBC + HMAC-SHA512 per page)
 * under a raw 32-byte key (keys/data-key.ts), or `none` — only for the benchmark's comparison and
 * for reading a database an earlier, unencrypting build left (store/encrypted-database.ts).
 */
export type DatabaseEncryption = { key: Buffer } | 'none';

/** The key given does not open this file (SQLite says "file is not a database"). */
export class WrongDatabaseKey extends Error {
  constructor(readonly file: string) {
    super(`${file}: the key does not open this database`);
    this.name = 'WrongDatabaseKey';
  }
}

/**
 * Opens one SQLite file and, when encrypted, proves the key by reading the schema (a wrong key
 * reads as garbage, which SQLite reports as SQLITE_NOTADB). better-sqlite3 is built against V8,
 * so Node (tests, start:web) and Electron need different binaries: the Electron shell passes the
 * path of its own build (`npm run native:electron`); under Node the default one loads.
 */
export function openSqlite(file: string, encryption: DatabaseEncryption, opts: { nativeBinding?: string; readonly?: boolean } = {}): Db {
  const db = new Database(file, { ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}), ...(opts.readonly ? { readonly: true } : {}) });
  try {
    if (encryption !== 'none') applyKey(db, encryption.key);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code === 'SQLITE_NOTADB') throw new WrongDatabaseKey(file);
    throw e;
  }
  return db;
}

/** SQLCipher 4's page format, keyed with the raw key (no passphrase derivation: the key is random). */
export function applyKey(db: Db, key: Buffer, pragma: 'key' | 'rekey' = 'key'): void {
  if (key.length !== 32) throw new Error('a database key is 32 bytes');
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma(`${pragma} = "x'${key.toString('hex')}'"`);
}
