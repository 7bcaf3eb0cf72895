import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalRequest,
  publicKeyFingerprint,
  publicKeyFromBase64,
  publicKeyToBase64,
  signatureHeaders,
  signatureHeadersFor,
  signatureValid,
  type SignedRequest,
} from '../../common/provincial/request-signing';
import { DEMO_DEVICE_FINGERPRINT } from '../../main/config/production';
import { DEMO_DEVICE } from '../../simulator/seed/devices';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');

function signed(
  r: Omit<SignedRequest, 'timestamp' | 'nonce'>,
  nowMs = 1_800_000_000_000,
): { request: SignedRequest; signature: string } {
  const headers = signatureHeadersFor('BMT-01', privateKey, { ...r, nowMs });
  return {
    request: { ...r, timestamp: headers[signatureHeaders.timestamp]!, nonce: headers[signatureHeaders.nonce]! },
    signature: headers[signatureHeaders.signature]!,
  };
}

const base = { method: 'POST', target: '/v1/dossiers', idempotencyKey: 'KEY-0000000000000001', bodySha256: 'a'.repeat(64) };

describe('request signing (Ed25519 over method, target, timestamp, nonce, Idempotency-Key, body hash)', () => {
  it('the canonical request is seven lines, the Idempotency-Key empty when there is none', () => {
    expect(canonicalRequest({ ...base, timestamp: '1800000000', nonce: 'n'.repeat(22) }).split('\n')).toEqual([
      'KIOSK-ED25519-V1',
      'POST',
      '/v1/dossiers',
      '1800000000',
      'n'.repeat(22),
      'KEY-0000000000000001',
      'a'.repeat(64),
    ]);
    expect(canonicalRequest({ ...base, idempotencyKey: null, timestamp: '1', nonce: 'x' }).split('\n')[5]).toBe('');
  });

  it('a signature verifies with the public key and fails for any change to what it covers', () => {
    const { request, signature } = signed(base);
    expect(signatureValid(publicKey, request, signature)).toBe(true);
    const changes: Array<Partial<SignedRequest>> = [
      { method: 'PUT' },
      { target: '/v1/complaints' },
      { target: '/v1/dossiers?x=1' },
      { timestamp: String(Number(request.timestamp) + 1) },
      { nonce: `${request.nonce}x` },
      { idempotencyKey: 'KEY-0000000000000002' },
      { idempotencyKey: null },
      { bodySha256: 'b'.repeat(64) },
    ];
    for (const change of changes)
      expect(signatureValid(publicKey, { ...request, ...change }, signature), JSON.stringify(change)).toBe(false);
    expect(signatureValid(generateKeyPairSync('ed25519').publicKey, request, signature)).toBe(false);
  });

  it('any Idempotency-Key other than the signed one is refused (property)', () => {
    const { request, signature } = signed(base);
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/), (key) => {
        fc.pre(key !== base.idempotencyKey);
        return !signatureValid(publicKey, { ...request, idempotencyKey: key }, signature);
      }),
    );
  });

  it('each request gets a fresh nonce, so two identical requests are two different signatures', () => {
    const a = signatureHeadersFor('BMT-01', privateKey, { ...base, nowMs: 0 });
    const b = signatureHeadersFor('BMT-01', privateKey, { ...base, nowMs: 0 });
    expect(a[signatureHeaders.nonce]).not.toBe(b[signatureHeaders.nonce]);
    expect(a[signatureHeaders.nonce]).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a[signatureHeaders.signature]).toMatch(/^[A-Za-z0-9_-]{86}$/);
  });

  it('malformed signatures are refused, never thrown', () => {
    const { request } = signed(base);
    for (const bad of ['', 'not base64url!', 'A'.repeat(86), 'A'.repeat(200)])
      expect(signatureValid(publicKey, request, bad)).toBe(false);
  });

  it('public keys travel as SPKI base64; anything but an Ed25519 key is refused', () => {
    expect(publicKeyFingerprint(publicKeyFromBase64(publicKeyToBase64(publicKey))!)).toBe(publicKeyFingerprint(publicKey));
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .publicKey.export({ type: 'spki', format: 'der' })
      .toString('base64');
    expect(publicKeyFromBase64(rsa)).toBeNull();
    expect(publicKeyFromBase64('bm90IGEga2V5IGF0IGFsbCwganVzdCB0ZXh0IGhlcmUu')).toBeNull();
  });

  it("the installer knows the published demo key only by its fingerprint, and that fingerprint is the simulator's demo key", () => {
    expect(publicKeyFingerprint(DEMO_DEVICE.publicKey)).toBe(DEMO_DEVICE_FINGERPRINT);
  });
});
