/**
 * Failures of the kiosk's own disk, told apart from bugs: a full disk (ENOSPC, SQLITE_FULL), a
 * failing or read-only one (EIO, SQLITE_IOERR_*, EROFS), a damaged database file. They are
 * expected on a kiosk that runs for years on a small disk, so code that writes catches them,
 * answers `storage_unavailable` and carries on; anything else is a bug and is treated as one.
 */
export type StorageFaultKind = 'full' | 'io';

const fullCodes = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'SQLITE_FULL']);
const ioCodes = new Set(['EIO', 'EROFS', 'ENXIO', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_PROTOCOL']);

export function storageFaultKind(e: unknown): StorageFaultKind | null {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return null;
  // better-sqlite3 reports extended codes: SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED, …
  const base = code.startsWith('SQLITE_') ? code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1') : code;
  if (fullCodes.has(base)) return 'full';
  if (base === 'SQLITE_IOERR' || ioCodes.has(base)) return 'io';
  return null;
}

export const isStorageFault = (e: unknown): boolean => storageFaultKind(e) !== null;
