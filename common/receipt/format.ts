/**
 * Small formatting rules the printed receipt and the screen share.
 */

/** "********1234": a receipt can be lost, so it proves nothing on its own about whose ID it is. */
export function maskCitizenId(id: string): string {
  const digits = id.replace(/\D/g, '');
  if (digits.length < 8) throw new RangeError('citizen ID too short to mask');
  return '*'.repeat(Math.min(8, digits.length - 4)) + digits.slice(-4);
}

/**
 * "14:05 ngày 28/11/2026" in Vietnam's time (UTC+7 all year, no daylight saving), whatever the
 * kiosk machine's own zone is set to: the receipt states the office's time.
 */
export function formatVietnamTime(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) throw new RangeError('not a date');
  const v = new Date(t.getTime() + 7 * 3600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(v.getUTCHours())}:${two(v.getUTCMinutes())} ngày ${two(v.getUTCDate())}/${two(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`;
}

/** "ngày 02/12/2026" for a calendar day (YYYY-MM-DD), or the full time for an instant. */
export function formatVietnamDay(value: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return day ? `ngày ${day[3]}/${day[2]}/${day[1]}` : formatVietnamTime(value);
}

/**
 * The QR payload: `<base>?ma=<reference>`. The base is configurable (the province's lookup page
 * in production); the kiosk's own scanner reads the reference back with `readLookupReference`.
 */
export function buildLookupUrl(base: string, reference: string): string {
  const url = new URL(base);
  url.searchParams.set('ma', reference);
  return url.toString();
}

/** A dossier code or local reference: letters, digits, dot, dash, underscore. */
export const referencePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{2,95}$/;

/**
 * What a scanned QR or typed text refers to: the `ma` parameter of a lookup URL, or a bare code.
 * Null when it is neither, so the UI can say "this is not a receipt's code".
 */
export function readLookupReference(text: string): string | null {
  const trimmed = text.trim();
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      const ma = new URL(trimmed).searchParams.get('ma')?.trim() ?? '';
      return referencePattern.test(ma) ? ma.toUpperCase() : null;
    } catch {
      return null;
    }
  }
  return referencePattern.test(trimmed) ? trimmed.toUpperCase() : null;
}
