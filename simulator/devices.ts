import { randomInt } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import {
  publicKeyFingerprint,
  SIGNATURE_WINDOW_SECONDS,
  signatureHeaders,
  signatureValid,
  type SignedRequest,
} from '../common/provincial/request-signing';
import type { SimDevice } from '../common/provincial/device-schemas';
import { err, ok, type Result } from '../common/result';
import { addSeconds, type SimClock } from './clock';
import { failure, type ApiFailure } from './failure';
import { DEMO_DEVICE } from './seed/devices';

/**
 * The kiosks the simulated API knows: each an Ed25519 public key learnt at enrolment, active or
 * revoked. IT (here: a test, through /__sim/) issues one-time enrolment codes for a kiosk name;
 * the kiosk enrols with one, proving it holds the private key by signing the request with it.
 * Every other /v1 request is verified against the device's key, within ±5 minutes of the API's
 * clock, and with a nonce it has not used before (a replay cache keyed by device and nonce).
 */
export interface DeviceRegistry {
  /** The device id when the request is signed by an active device, or the refusal to answer. */
  verify(request: FastifyRequest, bodySha256: string): Result<string, ApiFailure>;
  issueCode(kioskId: string, ttlSeconds: number): { code: string; kioskId: string; expiresAt: string };
  /**
   * Enrols `kioskId` with `publicKey` if `code` was issued for it, unused and unexpired, and the
   * request is signed by that key. A kiosk enrolled again (after a revocation, a new disk) keeps
   * its device id, so its idempotency keys keep their meaning: nothing it resends is taken twice.
   */
  enrol(
    request: FastifyRequest,
    input: { code: string; kioskId: string; publicKey: KeyObject },
    bodySha256: string,
  ): Result<SimDevice, ApiFailure>;
  revoke(deviceId: string): boolean;
  get(deviceId: string): SimDevice | null;
  list(): SimDevice[];
  reset(): void;
}

interface Device {
  deviceId: string;
  publicKey: KeyObject;
  status: 'active' | 'revoked';
  enrolledAt: string;
}

const header = (request: FastifyRequest, name: string): string => {
  const v = request.headers[name];
  return typeof v === 'string' ? v : '';
};

/** Codes IT reads out or types: no 0/O, 1/I/L. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
function newCode(): string {
  const groups = Array.from({ length: 3 }, () =>
    Array.from({ length: 4 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}

export function buildDeviceRegistry(clock: SimClock): DeviceRegistry {
  const devices = new Map<string, Device>();
  const codes = new Map<string, { kioskId: string; expiresAt: Date }>();
  /** `${deviceId} ${nonce}` → when it may be forgotten (its timestamp is then out of the window anyway). */
  const seen = new Map<string, number>();

  const seedDemo = () => {
    devices.set(DEMO_DEVICE.id, {
      deviceId: DEMO_DEVICE.id,
      publicKey: DEMO_DEVICE.publicKey,
      status: 'active',
      enrolledAt: '2026-01-01T00:00:00.000Z',
    });
  };
  seedDemo();

  const refused = (why: string) => err(failure(401, 'device_unauthorized', `Device authentication failed: ${why}.`));
  const view = (d: Device): SimDevice => ({
    deviceId: d.deviceId,
    status: d.status,
    enrolledAt: d.enrolledAt,
    publicKeyFingerprint: publicKeyFingerprint(d.publicKey),
  });

  /** The signature checks shared by enrolment and every other request. */
  function check(request: FastifyRequest, bodySha256: string, publicKey: KeyObject): Result<string, ApiFailure> {
    const deviceId = header(request, signatureHeaders.device);
    const timestamp = header(request, signatureHeaders.timestamp);
    const nonce = header(request, signatureHeaders.nonce);
    const signature = header(request, signatureHeaders.signature);
    if (!/^\d{1,12}$/.test(timestamp)) return refused('X-Kiosk-Timestamp must be Unix seconds');
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) return refused('X-Kiosk-Nonce must be 16 to 64 base64url characters');
    const nowSeconds = clock.now().getTime() / 1000;
    const skew = Math.round(Number(timestamp) - nowSeconds);
    if (Math.abs(skew) > SIGNATURE_WINDOW_SECONDS) {
      return err(
        failure(
          401,
          'clock_skew',
          `X-Kiosk-Timestamp is ${Math.abs(skew)} s ${skew > 0 ? 'ahead of' : 'behind'} the API clock (allowed: ${SIGNATURE_WINDOW_SECONDS} s). The Date header of this answer is the API's time.`,
        ),
      );
    }
    const idem = request.headers['idempotency-key'];
    const signed: SignedRequest = {
      method: request.method,
      target: request.url,
      timestamp,
      nonce,
      idempotencyKey: typeof idem === 'string' ? idem : null,
      bodySha256,
    };
    if (!signatureValid(publicKey, signed, signature)) return refused('bad signature');
    const key = `${deviceId} ${nonce}`;
    const nowMs = clock.now().getTime();
    if ((seen.get(key) ?? 0) > nowMs) return refused('nonce already used (a replayed request)');
    seen.set(key, nowMs + 2 * SIGNATURE_WINDOW_SECONDS * 1000);
    if (seen.size > 10_000) for (const [k, until] of seen) if (until <= nowMs) seen.delete(k);
    return ok(deviceId);
  }

  return {
    verify(request, bodySha256) {
      const deviceId = header(request, signatureHeaders.device);
      if (!deviceId || !header(request, signatureHeaders.signature)) {
        return refused('missing X-Kiosk-Device, X-Kiosk-Timestamp, X-Kiosk-Nonce or X-Kiosk-Signature');
      }
      const device = devices.get(deviceId);
      if (!device) return refused('unknown device');
      const checked = check(request, bodySha256, device.publicKey);
      if (!checked.ok) return checked;
      if (device.status === 'revoked') {
        return err(
          failure(
            403,
            'device_revoked',
            "This kiosk's enrolment was revoked: it may not send anything until IT enrols it again.",
          ),
        );
      }
      return checked;
    },
    issueCode(kioskId, ttlSeconds) {
      const code = newCode();
      const expiresAt = addSeconds(clock.now(), ttlSeconds);
      codes.set(code, { kioskId, expiresAt });
      return { code, kioskId, expiresAt: expiresAt.toISOString() };
    },
    enrol(request, input, bodySha256) {
      const issued = codes.get(input.code);
      if (!issued || issued.expiresAt <= clock.now() || issued.kioskId !== input.kioskId) {
        return err(
          failure(
            403,
            'enrolment_code_invalid',
            'The enrolment code is unknown, already used, expired, or was issued for another kiosk.',
          ),
        );
      }
      if (header(request, signatureHeaders.device) !== input.kioskId)
        return refused('X-Kiosk-Device must be the kioskId being enrolled');
      // Proof of possession: the request is signed by the private half of the key being enrolled.
      const checked = check(request, bodySha256, input.publicKey);
      if (!checked.ok) return checked;
      codes.delete(input.code);
      const device: Device = {
        deviceId: input.kioskId,
        publicKey: input.publicKey,
        status: 'active',
        enrolledAt: clock.now().toISOString(),
      };
      devices.set(device.deviceId, device);
      return ok(view(device));
    },
    revoke(deviceId) {
      const device = devices.get(deviceId);
      if (!device) return false;
      device.status = 'revoked';
      return true;
    },
    get: (deviceId) => {
      const d = devices.get(deviceId);
      return d ? view(d) : null;
    },
    list: () => [...devices.values()].map(view),
    reset() {
      devices.clear();
      codes.clear();
      seen.clear();
      seedDemo();
    },
  };
}
