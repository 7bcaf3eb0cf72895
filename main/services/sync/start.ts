import { DEMO_DEVICE } from '../../../simulator/seed/devices';
import type { DeviceCredential } from '../../../common/provincial/device-auth';
import type { KioskConfig } from '../../config/schema';
import type { Logger } from '../../log';
import type { Db } from '../../store/db';
import type { DataKey } from '../../keys/data-key';
import type { RefMirror } from '../../store/ref-mirror';
import type { StorageGuard } from '../../store/storage-guard';
import { buildOutbox, type Outbox } from '../outbox/outbox';
import { createDeviceClient } from '../provincial-api/device-client';
import { watchApiHealth } from '../health/api-watch';
import { buildSyncEngine, type SyncEngine } from './engine';

/**
 * Wires the outbox and its sync engine from config: one place that says which
 * device credential is used (config, or the simulator's demo device in demo mode) and how.
 */
export async function startOutboxAndSync(deps: {
  config: KioskConfig;
  db: Db;
  baseUrl: string;
  demo: boolean;
  logger: Logger;
  storage: StorageGuard;
  /** The data key (keys/data-key.ts): attachment files are sealed with it. */
  dataKeys: { current: DataKey; next: DataKey | null };
  /** The reference counter mirrored outside the database (store/ref-mirror.ts). */
  refs?: RefMirror;
  /** Told when a delivery is accepted (the backups follow sent batches). */
  onAccepted?: () => void;
}) {
  const { config, logger } = deps;
  const clock = { now: Date.now };
  let sync: SyncEngine | null = null;
  const outbox: Outbox = await buildOutbox({
    db: deps.db,
    dataDir: config.dataDir,
    clock,
    kioskId: config.kioskId,
    onEnqueued: () => sync?.wake(),
    storage: deps.storage,
    dataKeys: deps.dataKeys,
    refs: deps.refs,
  });
  const device = deviceCredential(config, deps.demo, logger);
  // The health checks sync makes anyway also tell the kiosk's health its latency and clock offset.
  const api = watchApiHealth(
    createDeviceClient({
      baseUrl: deps.baseUrl,
      timeoutMs: config.api?.timeoutMs ?? 15_000,
      device,
      logger,
      userAgent: `kiosk-dvc/${config.kioskId}`,
    }),
    clock.now,
  );
  sync = buildSyncEngine({
    outbox,
    api: api.client,
    clock,
    logger,
    concurrency: config.sync.concurrency,
    healthIntervalMs: config.sync.healthIntervalSeconds * 1000,
    storage: deps.storage,
    onAccepted: deps.onAccepted,
  });
  sync.start();
  const engine = sync;
  return { outbox, sync: engine, storage: deps.storage, device: api.client, apiObserved: api.observed, close: () => engine.stop() };
}

function deviceCredential(config: KioskConfig, demo: boolean, logger: Logger): DeviceCredential {
  if (config.device?.secret) return { id: config.device.id, secret: config.device.secret };
  if (!demo) {
    // Submissions still queue safely; they wait (device_unauthorized) until IT sets the secret.
    logger.warn('sync.device_not_configured', { hint: 'set device.id and device.secret or KIOSK_DEVICE_SECRET' });
  }
  return DEMO_DEVICE;
}
