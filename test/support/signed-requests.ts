import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { sha256Hex, signatureHeadersFor } from '../../common/provincial/request-signing';
import { demoDeviceKey } from '../../demo/demo-device';

/**
 * Signature headers for a request a test sends by hand (fetch) to the simulator, as the kiosk's
 * request core would sign it: by default as the demo device, now, with a fresh nonce.
 */
export function signedHeaders(r: {
  method: string;
  target: string;
  body?: string | Buffer;
  /** For an upload: the SHA-256 in its path. */
  bodySha256?: string;
  idempotencyKey?: string;
  nowMs?: number;
  nonce?: string;
  as?: { deviceId: string; privateKey: KeyObject };
}): Record<string, string> {
  const key = r.as ?? demoDeviceKey;
  return signatureHeadersFor(key.deviceId, key.privateKey, {
    method: r.method,
    target: r.target,
    idempotencyKey: r.idempotencyKey ?? null,
    bodySha256: r.bodySha256 ?? sha256Hex(r.body ?? ''),
    nowMs: r.nowMs ?? Date.now(),
    ...(r.nonce && { nonce: r.nonce }),
  });
}

/** A JSON POST signed as the demo device (for contract tests of /v1 routes that need a signature). */
export function signedJsonPost(
  baseUrl: string,
  path: string,
  body: string | undefined,
  contentType: string | null = 'application/json',
): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      ...(contentType && { 'content-type': contentType }),
      ...signedHeaders({ method: 'POST', target: path, body: body ?? '' }),
    },
    body,
  });
}

/** A key pair no API has enrolled: a thief's or a copied machine's. */
export const strangerKey = (deviceId = demoDeviceKey.deviceId) => ({
  deviceId,
  privateKey: generateKeyPairSync('ed25519').privateKey,
});
