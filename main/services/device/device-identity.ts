import type { KeyObject } from 'node:crypto';
import { kioskError, type KioskError } from '../../../common/errors';
import { err, ok, type Result } from '../../../common/result';
import type { Logger } from '../../log';
import type { DeviceClient } from '../provincial-api/device-client';
import type { DeviceSigner, SigningKey } from '../provincial-api/types';
import { newKeyPair, type DeviceKeyPair, type EnrolmentRecord, type KeyStore, type StoredDevice } from './key-store';

/**
 * Who this kiosk is to the provincial API, and whether the API accepts it:
 * - `demo`: DEMO mode signs as the simulator's published demo device;
 * - `not_enrolled`: a production kiosk with its own key that IT has not enrolled (or enrolled
 *   with another API): it sends nothing, the citizen screens are closed, and it waits for IT;
 * - `enrolled`: it signs every request with its key;
 * - `revoked`: the API said its enrolment was revoked; it keeps its queue and waits for IT to
 *   enrol it again (a new key, the same device id, so nothing queued is ever taken twice);
 * - `refused`: the API does not recognise its signature (a key the API does not hold): IT checks.
 */
export type DeviceState = 'demo' | 'not_enrolled' | 'enrolled' | 'revoked' | 'refused';

export interface DeviceStatus {
  state: DeviceState;
  deviceId: string | null;
  enrolledAt: string | null;
  /** SHA-256 of the public key: what IT compares with the API's record of this kiosk. */
  fingerprint: string;
  protection: 'os' | 'file' | 'demo';
}

export interface DeviceIdentity extends DeviceSigner {
  status(): DeviceStatus;
  /** Whether citizens may be served: the API accepts this kiosk (as far as the kiosk knows). */
  inService(): boolean;
  /**
   * Enrols this kiosk with IT's one-time code. A key that was already enrolled is replaced by a
   * new one first (after a revocation, the old key may be in the wrong hands).
   */
  enrol(code: string, api: Pick<DeviceClient, 'enrol'>): Promise<Result<DeviceStatus, KioskError>>;
}

export function buildDemoIdentity(demo: SigningKey & { publicKey: KeyObject; fingerprint: string }): DeviceIdentity {
  const status: DeviceStatus = {
    state: 'demo',
    deviceId: demo.deviceId,
    enrolledAt: null,
    fingerprint: demo.fingerprint,
    protection: 'demo',
  };
  return {
    current: () => demo,
    status: () => status,
    inService: () => true,
    enrol: async () => err(kioskError('invalid_input')),
  };
}

export function buildDeviceIdentity(deps: {
  store: KeyStore;
  stored: StoredDevice;
  kioskId: string;
  apiBaseUrl: string;
  logger: Logger;
  /** Told when the kiosk becomes enrolled (the sync engine sends what waited). */
  onEnrolled?: () => void;
}): DeviceIdentity {
  const { store, kioskId, apiBaseUrl, logger } = deps;
  let key: DeviceKeyPair = deps.stored.key;
  let enrolment: EnrolmentRecord | null = deps.stored.enrolment;
  let stamp = store.stamp();
  const enrolledHere = () => enrolment !== null && enrolment.apiBaseUrl === apiBaseUrl && enrolment.deviceId === kioskId;
  /** What the API last said about this enrolment, when it was not "fine". */
  let heard: 'revoked' | 'refused' | null = null;

  /**
   * `kiosk-admin enrol` run beside the kiosk writes the key file: take up what it wrote, so the
   * kiosk need not be restarted. One stat per request; the file is read only when it changed.
   */
  function refresh(): void {
    const now = store.stamp();
    if (now === stamp) return;
    stamp = now;
    const read = store.loadOrCreate();
    if (!read.ok) {
      logger.error('device.key_reload_failed', { code: read.error.code });
      return;
    }
    const wasEnrolled = enrolledHere();
    key = read.value.key;
    enrolment = read.value.enrolment;
    heard = null;
    stamp = store.stamp();
    logger.info('device.key_reloaded', { enrolled: enrolledHere() });
    if (!wasEnrolled && enrolledHere()) deps.onEnrolled?.();
  }

  if (enrolment && !enrolledHere()) {
    logger.warn('device.enrolled_elsewhere', { deviceId: enrolment.deviceId });
  }

  const state = (): DeviceState => (!enrolledHere() ? 'not_enrolled' : (heard ?? 'enrolled'));
  const status = (): DeviceStatus => ({
    state: state(),
    deviceId: enrolledHere() ? kioskId : null,
    enrolledAt: enrolledHere() ? enrolment!.enrolledAt : null,
    fingerprint: key.fingerprint,
    protection: store.protection,
  });

  return {
    current: () => {
      refresh();
      return enrolledHere() ? { deviceId: kioskId, privateKey: key.privateKey } : null;
    },
    observe(outcome) {
      const before = state();
      heard = outcome === 'accepted' ? null : outcome;
      const after = state();
      if (after !== before) logger[after === 'enrolled' ? 'info' : 'error']('device.state', { state: after });
    },
    status: () => {
      refresh();
      return status();
    },
    inService: () => {
      refresh();
      return state() === 'enrolled';
    },
    async enrol(code, api) {
      const fresh = enrolment !== null ? newKeyPair() : key;
      const r = await api.enrol(code, { deviceId: kioskId, privateKey: fresh.privateKey, publicKey: fresh.publicKey });
      if (!r.ok) {
        logger.warn('device.enrol_failed', { kind: r.error.kind, apiCode: r.error.kind === 'api' ? r.error.code : undefined });
        if (r.error.kind === 'api' && r.error.code === 'enrolment_code_invalid') return err(kioskError('enrolment_code_invalid'));
        if (r.error.kind === 'network' || r.error.kind === 'timeout') return err(kioskError('network_unavailable'));
        return err(kioskError('api_error'));
      }
      const record: EnrolmentRecord = { deviceId: r.value.deviceId, apiBaseUrl, enrolledAt: r.value.enrolledAt };
      const saved = store.save({ key: fresh, enrolment: record });
      if (!saved.ok) {
        logger.error('device.key_save_failed', { code: saved.error.code });
        return err(kioskError('storage_unavailable'));
      }
      key = fresh;
      enrolment = record;
      heard = null;
      stamp = store.stamp();
      logger.info('device.enrolled', { deviceId: record.deviceId, fingerprint: key.fingerprint.slice(0, 16) });
      deps.onEnrolled?.();
      return ok(status());
    },
  };
}
