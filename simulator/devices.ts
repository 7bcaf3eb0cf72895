import type { FastifyRequest } from 'fastify';
import {
  DEVICE_CLOCK_SKEW_SECONDS,
  deviceHeaders,
  signatureMatches,
  signRequest,
  type DeviceCredential,
} from '../common/provincial/device-auth';
import { err, ok, type Result } from '../common/result';
import type { SimClock } from './clock';
import { failure, type ApiFailure } from './failure';
import { DEMO_DEVICE } from './seed/devices';

/** Kiosks the simulated API has provisioned (IT registers each kiosk's id and secret). */
export interface DeviceRegistry {
  add(device: DeviceCredential): void;
  /** The device id when the request is signed by a known device, within the allowed clock skew. */
  verify(request: FastifyRequest, bodySha256: string): Result<string, ApiFailure>;
  reset(): void;
}

const header = (request: FastifyRequest, name: string): string => {
  const v = request.headers[name];
  return typeof v === 'string' ? v : '';
};

export function createDeviceRegistry(clock: SimClock): DeviceRegistry {
  let devices = new Map<string, string>([[DEMO_DEVICE.id, DEMO_DEVICE.secret]]);
  const refused = (why: string) => err(failure(401, 'device_unauthorized', `Device authentication failed: ${why}.`));
  return {
    add(device) {
      devices.set(device.id, device.secret);
    },
    verify(request, bodySha256) {
      const id = header(request, deviceHeaders.id);
      const timestamp = header(request, deviceHeaders.timestamp);
      const signature = header(request, deviceHeaders.signature);
      if (!id || !timestamp || !signature) return refused('missing X-Kiosk-Device, X-Kiosk-Timestamp or X-Kiosk-Signature');
      const secret = devices.get(id);
      if (secret === undefined) return refused('unknown device');
      if (!/^\d{1,12}$/.test(timestamp)) return refused('X-Kiosk-Timestamp must be Unix seconds');
      const skew = Math.abs(clock.now().getTime() / 1000 - Number(timestamp));
      if (skew > DEVICE_CLOCK_SKEW_SECONDS) return refused(`timestamp more than ${DEVICE_CLOCK_SKEW_SECONDS} s from the API clock`);
      const path = request.url.split('?')[0]!;
      const expected = signRequest(secret, request.method, path, timestamp, bodySha256);
      return signatureMatches(expected, signature) ? ok(id) : refused('bad signature');
    },
    reset() {
      devices = new Map([[DEMO_DEVICE.id, DEMO_DEVICE.secret]]);
    },
  };
}
