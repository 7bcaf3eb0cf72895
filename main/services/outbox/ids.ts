import { randomBytes } from 'node:crypto';

/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits. Time-ordered, so keys sort
 * by when the submission was stored, and unguessable, so no one can replay another kiosk's key.
 */
export function uuidv7(nowMs: number, random: (n: number) => Buffer = randomBytes): string {
  const b = random(16);
  const ms = BigInt(Math.max(0, Math.floor(nowMs)));
  for (let i = 0; i < 6; i++) b[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The kiosk day in Vietnam (UTC+7, no daylight saving), as YYMMDD. */
export function kioskDay(nowMs: number): string {
  const iso = new Date(nowMs + 7 * 3600_000).toISOString();
  return `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`;
}

/**
 * The reference a citizen is given at once, before the API knows the dossier: short enough to
 * read out to a clerk, e.g. `DL-KIOSK-01-250315-0007` (dossier) or `KN-…` (complaint).
 */
export function formatLocalRef(kind: 'dossier' | 'complaint', kioskId: string, day: string, n: number): string {
  const kiosk = kioskId.toUpperCase().replace(/[^A-Z0-9-]/g, '-');
  return `${kind === 'dossier' ? 'DL' : 'KN'}-${kiosk}-${day}-${String(n).padStart(4, '0')}`;
}
