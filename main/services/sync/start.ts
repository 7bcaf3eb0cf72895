import type { KioskConfig } from '../../config/schema';
import type { Logger } from '../../log';
import type { Db } from '../../store/db';
import type { DataKey } from '../../keys/data-key';
import type { RefMirror } from '../../store/ref-mirror';
import type { StorageGuard } from '../../store/storage-guard';
import { buildOutbox, type Outbox } from '../outbox/outbox';
import type { DeviceClient } from '../provincial-api/device-client';
import { watchApiHealth } from '../health/api-watch';
import { buildSyncEngine, type SyncEngine } from './engine';

/**
 * Starts the outbox and the sync engine that delivers it: an enqueue wakes the engine, which sends
 * queued submissions through `api` (the device endpoints over backend.ts's request core, signed
 * as this kiosk or, in DEMO mode, as the demo device). `api` is watched on the way, so the health
 * checks the engine makes anyway also tell the kiosk's health how the API answers.
 */
export async function startOutboxAndSync(deps: {
  config: KioskConfig;
  db: Db;
  api: DeviceClient;
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
  // The health checks sync makes anyway also tell the kiosk's health the API's latency.
  const api = watchApiHealth(deps.api, clock.now);
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
