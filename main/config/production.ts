import type { z } from 'zod';
import { DEMO_KIOSK_ID, type KioskConfig as KioskConfigSchema } from './schema';

type Parsed = z.output<typeof KioskConfigSchema>;

/** What a production kiosk's configuration lacks, said as the field to fix and how. */
export interface ConfigProblem {
  code: 'api_missing' | 'api_insecure' | 'kiosk_id_missing' | 'demo_credential';
  field: string;
  problem: string;
}

/**
 * The published demo credentials: a production kiosk refuses to start with any of them, because
 * anyone who read the README holds them too. The demo device's key is known here only by the
 * fingerprint of its public half (the private half is the simulator's, and this code ships in the
 * installer); startup/device-key.ts refuses a device key with this fingerprint.
 */
export const DEMO_DEVICE_ID = 'KIOSK-DEMO-DEVICE';
export const DEMO_DEVICE_FINGERPRINT = '634c866393d63262117d0bf99b1d948981dfe28f4ac724ac2023c84456972aa0';

/** Loopback only: a test's simulator on this machine. Anything else goes over the network. */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Outside DEMO mode the kiosk fails closed: it starts only when it knows which API it serves,
 * reaches it over TLS, has its own name, and holds no published demo credential (its device key
 * is checked when it is opened: startup/device-key.ts). The first
 * problem found is the one reported (IT fixes one thing at a time and starts again).
 */
export function productionProblem(c: Parsed): ConfigProblem | null {
  if (!c.api) {
    return {
      code: 'api_missing',
      field: 'api.baseUrl',
      problem: 'is required outside DEMO mode: the address of the provincial API (https://…)',
    };
  }
  if (!c.api.baseUrl.startsWith('https://') && !isLoopbackUrl(c.api.baseUrl)) {
    return {
      code: 'api_insecure',
      field: 'api.baseUrl',
      problem: 'must start with https:// (plain http:// is accepted only for a loopback address, in tests)',
    };
  }
  if (!c.kioskId) {
    return {
      code: 'kiosk_id_missing',
      field: 'kioskId',
      problem: 'is required outside DEMO mode: give each kiosk its own name, e.g. BMT-MOTCUA-01',
    };
  }
  if (c.kioskId === DEMO_KIOSK_ID || c.kioskId === DEMO_DEVICE_ID) {
    return {
      code: 'demo_credential',
      field: 'kioskId',
      problem: `${c.kioskId} is the demo kiosk's name: give this kiosk its own`,
    };
  }
  return null;
}
