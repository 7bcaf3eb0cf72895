import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How a kiosk proves it is a kiosk IT provisioned. A queued dossier is sent when its citizen is
 * long gone, so the kiosk signs as a device: HMAC-SHA256, with a secret IT puts in the config
 * file or the environment (never in SQLite, so a copied database alone cannot submit), over the
 * method, the path, a timestamp and the SHA-256 of the body. For an upload the body hash is the
 * SHA-256 in the path, which the API checks against the bytes it receives.
 */
export const deviceHeaders = {
  id: 'x-kiosk-device',
  timestamp: 'x-kiosk-timestamp',
  signature: 'x-kiosk-signature',
} as const;

/** How far a signature's timestamp may be from the API's clock. */
export const DEVICE_CLOCK_SKEW_SECONDS = 300;

export interface DeviceCredential {
  id: string;
  secret: string;
}

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

export function canonicalRequest(method: string, path: string, timestamp: string, bodySha256: string): string {
  return `${method.toUpperCase()}\n${path}\n${timestamp}\n${bodySha256}`;
}

export function signRequest(secret: string, method: string, path: string, timestamp: string, bodySha256: string): string {
  return createHmac('sha256', secret).update(canonicalRequest(method, path, timestamp, bodySha256)).digest('hex');
}

export function deviceAuthHeaders(
  device: DeviceCredential,
  req: { method: string; path: string; bodySha256: string; nowMs: number },
): Record<string, string> {
  const timestamp = String(Math.floor(req.nowMs / 1000));
  return {
    [deviceHeaders.id]: device.id,
    [deviceHeaders.timestamp]: timestamp,
    [deviceHeaders.signature]: signRequest(device.secret, req.method, req.path, timestamp, req.bodySha256),
  };
}

export function signatureMatches(expectedHex: string, givenHex: string): boolean {
  const a = Buffer.from(expectedHex, 'hex');
  const b = Buffer.from(/^[0-9a-f]{64}$/.test(givenHex) ? givenHex : '', 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
