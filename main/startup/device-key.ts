import { DEMO_DEVICE_FINGERPRINT } from '../config/production';
import type { KioskConfig } from '../config/schema';
import type { ShellKeys } from '../keys/sealer';
import { openKeyStore, type KeyStore, type StoredDevice } from '../services/device/key-store';
import { StartRefusal } from './refusal';

/**
 * A production kiosk's device key, opened (or made, on first start) before anything else runs:
 * a kiosk that cannot have its own key, or holds the published demo key, refuses to start with
 * what to fix. Not being enrolled yet is not a refusal: the kiosk starts out of service so IT can
 * enrol it from the IT screen or with `kiosk-admin enrol CODE`.
 */
export function openDeviceKey(config: KioskConfig, keys: ShellKeys): { store: KeyStore; stored: StoredDevice } {
  const protection = config.device.keyProtection ?? keys.defaultProtection;
  const sealer = keys.sealerFor(protection);
  if ('unavailable' in sealer) {
    throw new StartRefusal(
      'key_protection_unavailable',
      `device.keyProtection is "${protection}" but ${sealer.unavailable}: set "keyProtection": "file" in ${config.configFile ?? 'kiosk.config.json'} to keep the key in an owner-only file instead`,
    );
  }
  const store = openKeyStore({ dir: config.device.keyDir, sealer });
  const opened = store.loadOrCreate();
  if (!opened.ok) throw new StartRefusal(opened.error.code, opened.error.message);
  if (opened.value.key.fingerprint === DEMO_DEVICE_FINGERPRINT) {
    throw new StartRefusal(
      'demo_credential',
      `the device key in ${store.file} is the simulator's published demo key: delete that file (the kiosk makes its own key) and enrol the kiosk (kiosk-admin enrol CODE)`,
    );
  }
  return { store, stored: opened.value };
}
