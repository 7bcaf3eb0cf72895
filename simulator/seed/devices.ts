import type { DeviceCredential } from '../../common/provincial/device-auth';

/**
 * SAMPLE / DEMO DATA — the kiosk device the simulator knows out of the box. Demo mode (no API
 * configured) signs with it automatically; a real provincial API never accepts it.
 */
export const DEMO_DEVICE: DeviceCredential = {
  id: 'KIOSK-DEMO-DEVICE',
  secret: 'demo-device-secret-not-for-production-0000',
};
