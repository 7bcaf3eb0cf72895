import { publicKeyFingerprint } from '../common/provincial/request-signing';
import { silentLogger, type Logger } from '../main/log';
import { buildApiClock } from '../main/services/provincial-api/api-clock';
import { buildRequestCore } from '../main/services/provincial-api/request-core';
import type { ApiClock, DeviceSigner, RequestCore } from '../main/services/provincial-api/types';
import { DEMO_DEVICE } from '../simulator/seed/devices';
import type { DemoParts } from '../main/startup/demo-parts';

/** The simulator's published demo device, as DEMO mode signs with it. */
export const demoDeviceKey: DemoParts['device'] = {
  deviceId: DEMO_DEVICE.id,
  privateKey: DEMO_DEVICE.privateKey,
  publicKey: DEMO_DEVICE.publicKey,
  fingerprint: publicKeyFingerprint(DEMO_DEVICE.publicKey),
};

export const demoSigner: DeviceSigner = { current: () => demoDeviceKey };

/**
 * The kiosk's request core signing as the demo device: for the benchmarks, the crash tests' worker
 * and tests that talk to a simulator directly, as a `--demo` kiosk would.
 */
export function demoRequestCore(
  baseUrl: string,
  opts: { timeoutMs?: number; logger?: Logger; clock?: ApiClock; signer?: DeviceSigner } = {},
): RequestCore {
  return buildRequestCore({
    baseUrl,
    timeoutMs: opts.timeoutMs ?? 5000,
    logger: opts.logger ?? silentLogger,
    signer: opts.signer ?? demoSigner,
    clock: opts.clock ?? buildApiClock(),
  });
}
