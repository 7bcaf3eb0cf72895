import type { Commune } from '../domain/admin-units';
import { foldForSearch } from '../domain/search';

/**
 * The CCCD prints the permanent address on one line, smallest unit first:
 * "Thôn 3, Xã Hòa Phú, Thành phố Buôn Ma Thuột, Đắk Lắk". A form wants the commune chosen from
 * the catalog and the detail (house, street, hamlet) before it. Cards issued before 1 July 2025
 * still name districts, and communes that have since been merged: a commune is chosen only when
 * exactly one in the catalog carries that name, otherwise the citizen picks it. Nothing is guessed.
 */
export interface CardAddress {
  /** What comes before the commune ("Thôn 3"); empty when the line names no commune. */
  readonly detail: string;
  readonly communeCode: string | null;
}

const communePrefix = /^(xã|phường|thị trấn|đặc khu)\s/u;

export function readCardAddress(address: string, communes: readonly Commune[]): CardAddress {
  const parts = address
    .normalize('NFC')
    .split(',')
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const at = parts.findIndex((p) => communePrefix.test(p.toLocaleLowerCase('vi')));
  if (at < 0) return { detail: '', communeCode: null };
  const wanted = foldForSearch(parts[at] ?? '');
  const matches = communes.filter((c) => foldForSearch(c.name) === wanted);
  return { detail: parts.slice(0, at).join(', '), communeCode: matches.length === 1 ? (matches[0]?.code ?? null) : null };
}
