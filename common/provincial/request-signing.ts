import { createHash, createPublicKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto';

/**
 * How every request from a kiosk proves which enrolled kiosk sent it (simulator/openapi.yaml,
 * security scheme `kioskSignature`). Each kiosk makes its own Ed25519 key pair and keeps the
 * private key; the API learns the public key once, at enrolment, from a one-time code IT got
 * from the province. A request carries four headers:
 *
 *   X-Kiosk-Device     the device id the API gave at enrolment
 *   X-Kiosk-Timestamp  Unix seconds (the API accepts ±5 minutes of its own clock)
 *   X-Kiosk-Nonce      16 random bytes, base64url: the API refuses one it has seen (a replay)
 *   X-Kiosk-Signature  Ed25519 over the canonical request below, base64url
 *
 * The canonical request is the scheme's name, the method, the request target (path and query as
 * sent), the timestamp, the nonce, the Idempotency-Key header ('' when there is none) and the
 * SHA-256 of the body (of '' when there is none; for an upload, the SHA-256 in its path, which the
 * API checks against the bytes), one per line. Changing any of them breaks the signature, so a
 * captured request cannot be re-sent, re-aimed, or re-keyed to make a second dossier.
 */
export const SIGNATURE_SCHEME = 'KIOSK-ED25519-V1';

export const signatureHeaders = {
  device: 'x-kiosk-device',
  timestamp: 'x-kiosk-timestamp',
  nonce: 'x-kiosk-nonce',
  signature: 'x-kiosk-signature',
} as const;

/** How far a request's timestamp may be from the API's clock; nonces are remembered this long. */
export const SIGNATURE_WINDOW_SECONDS = 300;

export interface SignedRequest {
  method: string;
  /** Path and query exactly as sent, e.g. `/v1/dossiers` or `/v1/uploads/<sha256>`. */
  target: string;
  /** Unix seconds, as a decimal string. */
  timestamp: string;
  nonce: string;
  idempotencyKey: string | null;
  bodySha256: string;
}

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

export function canonicalRequest(r: SignedRequest): string {
  return [SIGNATURE_SCHEME, r.method.toUpperCase(), r.target, r.timestamp, r.nonce, r.idempotencyKey ?? '', r.bodySha256].join(
    '\n',
  );
}

export const newNonce = (): string => randomBytes(16).toString('base64url');

/** The four headers for a request signed by `privateKey` as `deviceId`. */
export function signatureHeadersFor(
  deviceId: string,
  privateKey: KeyObject,
  r: Omit<SignedRequest, 'timestamp' | 'nonce'> & { nowMs: number; nonce?: string },
): Record<string, string> {
  const signed: SignedRequest = { ...r, timestamp: String(Math.floor(r.nowMs / 1000)), nonce: r.nonce ?? newNonce() };
  return {
    [signatureHeaders.device]: deviceId,
    [signatureHeaders.timestamp]: signed.timestamp,
    [signatureHeaders.nonce]: signed.nonce,
    [signatureHeaders.signature]: sign(null, Buffer.from(canonicalRequest(signed)), privateKey).toString('base64url'),
  };
}

export function signatureValid(publicKey: KeyObject, r: SignedRequest, signatureB64url: string): boolean {
  if (!/^[A-Za-z0-9_-]{86}$/.test(signatureB64url)) return false;
  try {
    return verify(null, Buffer.from(canonicalRequest(r)), publicKey, Buffer.from(signatureB64url, 'base64url'));
  } catch {
    return false;
  }
}

/** A public key as the API receives it at enrolment: SPKI DER, base64. */
export const publicKeyToBase64 = (key: KeyObject): string => key.export({ type: 'spki', format: 'der' }).toString('base64');

/** An Ed25519 public key from its SPKI DER base64, or null for anything else. */
export function publicKeyFromBase64(spki: string): KeyObject | null {
  if (!/^[A-Za-z0-9+/]{40,200}={0,2}$/.test(spki)) return null;
  try {
    const key = createPublicKey({ key: Buffer.from(spki, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

/** What IT compares on both sides ("which key is this kiosk?"): SHA-256 of the SPKI DER, hex. */
export const publicKeyFingerprint = (key: KeyObject): string => sha256Hex(key.export({ type: 'spki', format: 'der' }));
