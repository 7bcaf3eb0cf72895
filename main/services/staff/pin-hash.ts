import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * Staff PINs are kept as scrypt hashes: `scrypt$N$r$p$salt$hash` (salt and hash base64). IT makes
 * one with `kiosk-admin hash-pin` (README), so a PIN itself never sits in the config file.
 */
export const PIN_PATTERN = /^\d{6,12}$/;

export function hashPin(pin: string, opts: { N?: number; r?: number; p?: number; salt?: Buffer } = {}): string {
  const N = opts.N ?? 16384;
  const r = opts.r ?? 8;
  const p = opts.p ?? 1;
  const salt = opts.salt ?? randomBytes(16);
  const hash = scryptSync(pin, salt, 32, { N, r, p });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

function parse(stored: string): { N: number; r: number; p: number; salt: Buffer; expected: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (!Number.isInteger(N) || N < 2 || N > 2 ** 20 || !Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) return null;
  if (expected.length < 16 || salt.length < 8) return null;
  return { N, r, p, salt, expected };
}

/** Checks a PIN off the main thread (scrypt runs in libuv's pool), so other calls keep flowing. */
export async function pinMatches(pin: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h) return false;
  const actual = await new Promise<Buffer>((resolve, reject) =>
    scrypt(pin, h.salt, h.expected.length, { N: h.N, r: h.r, p: h.p, maxmem: 256 * 1024 * 1024 }, (e, key) => (e ? reject(e) : resolve(key))),
  );
  return timingSafeEqual(actual, h.expected);
}
