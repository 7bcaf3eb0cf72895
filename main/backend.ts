import { join, resolve } from 'node:path';
import { liveWorkCalendar } from '../common/domain/working-days';
import { ConfigError, loadConfig } from './config/load';
import type { KioskConfig } from './config/schema';
import { createDispatcher, type Handlers } from './api/dispatch';
import { buildAuthApi } from './api/auth-api';
import { buildKioskInfoApi } from './api/kiosk-info-api';
import { buildOutboxApi } from './api/outbox-api';
import { buildReceiptsApi } from './api/receipts-api';
import { buildStaffApi } from './api/staff-api';
import { startStaff } from './services/staff/start';
import { buildReceiptSource } from './services/printing/receipt-source';
import { startPrinting } from './services/printing/start';
import { startOutboxAndSync } from './services/sync/start';
import type { Outbox } from './services/outbox/outbox';
import { buildCatalogApi, buildRegistrationApi } from './api/registration-api';
import { buildCatalog } from './services/catalog/catalog';
import { startDossierWizard } from './services/dossiers/start';
import { buildVerificationFlow } from './services/registration/verification-flow';
import type { Logger } from './log';
import { buildPortalAccountProvider } from './services/accounts/portal-account-provider';
import { buildCitizenSessions } from './services/accounts/session';
import { buildDemoPhone } from './services/demo/demo-phone';
import { buildVisit, type Visit } from './services/visit/visit';
import { createProvincialClient } from './services/provincial-api/client';
import { scheduleBackups } from './store/backup';
import { openDataFolder } from './store/data-folder';
import { fileOnlySealers, type ShellKeys } from './keys/sealer';
import { ensureInstallationId } from './store/kiosk-identity';
import { buildStorageGuard, type StorageGuard } from './store/storage-guard';
import { buildRetention } from './services/retention/retention';
import { startSimulator } from '../simulator/server';
import { startHealth, type Health } from './services/health/start';
import { buildPresenceApi } from './api/presence-api';
import { buildUpdateCoordinator, type UpdateCoordinator } from './services/update/coordinator';
import { buildUpdateState } from './services/update/update-state';
import pkg from '../package.json';

export { ConfigError };

export interface Backend {
  config: KioskConfig;
  demo: { simulatorUrl: string } | null;
  /** Where finished submissions are stored for delivery (services/outbox): the wizard enqueues here. */
  outbox: Outbox;
  /** The data folder's disk: free-space floor and write faults (the last-resort handler reports here). */
  storage: StorageGuard;
  /** The kiosk's health: metrics, heartbeat, presence (services/health). */
  health: Health;
  /** Automatic updates (services/update), when config.update is set; the Electron shell drives it. */
  update: UpdateCoordinator | null;
  dispatch(method: unknown, input: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Wires the kiosk in one visible place: config → store → provincial API (or the built-in
 * simulator in demo mode) → services → the API object both transports serve.
 */
export async function startBackend(opts: {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  defaultDataDir: string;
  defaultConfigDir?: string;
  /** Electron only: its own better-sqlite3 build (see store/db.ts). */
  sqliteNativeBinding?: string;
  /** How this shell seals keys (keys/sealer.ts); default: the browser shell's owner-only files. */
  keys?: ShellKeys;
  /** The repo's or installer's resources/ (sample documents for demo mode); default ./resources. */
  resourcesDir?: string;
  /** Which shell runs it (`web`, `electron`): named to a second process on the same data folder. */
  shell?: string;
  logger: Logger;
}): Promise<Backend> {
  const { logger } = opts;
  const config = loadConfig({
    argv: opts.argv,
    env: opts.env,
    defaultDataDir: opts.defaultDataDir,
    defaultConfigDir: opts.defaultConfigDir ?? opts.defaultDataDir,
  });

  const storage = buildStorageGuard({
    dataDir: config.dataDir,
    floor: { minFreeBytes: config.storage.minFreeMegabytes * 1024 * 1024, minFreePercent: config.storage.minFreePercent },
    now: Date.now,
    logger,
  });
  // One kiosk per data folder (exit 73 for a second one), then its data key — a lost key stops
  // the start here (DataKeyRefusal, exit 77), never an empty database over the old one — then the
  // database.
  const data = await openDataFolder({
    dataDir: config.dataDir,
    shell: opts.shell ?? 'kiosk',
    logger,
    nativeBinding: opts.sqliteNativeBinding,
    dataKey: {
      settings: { file: config.dataKey.file ?? null, protection: config.dataKey.protection ?? null },
      env: opts.env,
      keys: opts.keys ?? { sealerFor: fileOnlySealers, defaultProtection: 'file' },
      // DEMO mode (no API configured, or --demo) makes its own key file beside the data folder.
      demo: !config.api || opts.argv.includes('--demo'),
    },
    backupDir: config.storage.backup.dir,
    kioskId: config.kioskId,
  });
  const db = data.db;
  // Rolling online backups (store/backup.ts): after sent batches and every interval.
  const backups = scheduleBackups({
    db,
    dir: config.storage.backup.dir ?? join(config.dataDir, 'backups'),
    keep: config.storage.backup.keep,
    intervalMs: config.storage.backup.intervalMinutes * 60_000,
    logger,
    encryption: { key: data.keyring.current.bytes },
    nativeBinding: opts.sqliteNativeBinding,
  });
  ensureInstallationId(db);

  const simulator = config.api ? null : await startSimulator({ port: 0 });
  const baseUrl = config.api?.baseUrl ?? simulator!.url;
  logger.info('backend.start', { kioskId: config.kioskId, demo: simulator !== null });

  const client = createProvincialClient({
    baseUrl,
    timeoutMs: config.api?.timeoutMs ?? 15_000,
    logger,
    userAgent: `kiosk-dvc/${config.kioskId}`,
  });
  // Bound below, once everything a visit touches exists.
  let visit: Visit | null = null;
  const sessions = buildCitizenSessions({
    now: Date.now,
    idleTimeoutSeconds: config.idleTimeoutSeconds,
    onExpired: () => void visit?.end('session_expired'),
  });
  const identity = buildPortalAccountProvider(client);
  const staff = startStaff({ config, db, demo: simulator !== null, logger });
  const delivery = await startOutboxAndSync({ config, db, baseUrl, demo: simulator !== null, logger, storage, dataKeys: data.keyring, refs: data.refs, onAccepted: () => backups.nudge() });
  // Personal data kept only as long as needed: erased on schedule, at start and then daily.
  const retention = buildRetention({ db, exclusively: delivery.outbox.exclusively, clock: { now: Date.now }, policy: config.retention, logger });
  if (config.sync.attachmentRetentionDays !== undefined) {
    logger.warn('config.deprecated', { field: 'sync.attachmentRetentionDays', replacedBy: 'retention.acceptedDays' });
  }
  retention.start();
  const catalog = buildCatalog({ db, client, now: () => new Date(), logger });
  const verification = buildVerificationFlow({ client, adminUnits: () => catalog.adminUnits.cached(), now: Date.now, logger });
  // Public holidays and make-up days: the result screen and the receipt count the same days.
  // The province's calendar from the API (cached, refreshed with the other catalogs), with this
  // kiosk's config on top where they disagree.
  const calendar = liveWorkCalendar({ province: () => catalog.workCalendar.cached(), local: config.workCalendar });
  const wizard = await startDossierWizard({
    config,
    demo: simulator !== null,
    resourcesDir: opts.resourcesDir ?? resolve(process.cwd(), 'resources'),
    client,
    catalog,
    citizen: () => sessions.current(),
    outbox: delivery.outbox,
    sync: delivery.sync,
    logger,
    calendar,
  });
  const receipts = await startPrinting({ config, db, demo: simulator !== null, logger });
  const receiptSource = buildReceiptSource({
    outbox: delivery.outbox,
    catalog,
    calendar,
    settings: {
      kioskId: config.kioskId,
      provinceName: config.receipt.provinceName,
      lookupBaseUrl: config.receipt.lookupBaseUrl,
      hotline: config.receipt.hotline ?? null,
      sample: simulator !== null,
    },
  });
  const updateState = config.update ? buildUpdateState({ db, runningVersion: pkg.version, now: Date.now }) : null;
  const health = await startHealth({
    config,
    channel: config.update?.channel ?? null,
    update: () => updateState?.health() ?? null,
    outbox: delivery.outbox,
    sync: delivery.sync,
    apiObserved: delivery.apiObserved,
    device: delivery.device,
    printing: receipts.printing,
    storage: () => {
      const { freeBytes, floorBytes } = storage.status();
      return { freeBytes: freeBytes === null ? null : Math.floor(freeBytes), floorBytes: Math.floor(floorBytes) };
    },
    staffActivity: (now) => staff.audit.activity(now),
    logger,
  });
  const update =
    config.update && updateState
      ? buildUpdateCoordinator({
          config: config.update,
          state: updateState,
          presence: health.presence,
          citizenSession: () => sessions.current() !== null,
          // Peeking is not staff activity: an update check must not keep a clerk session alive.
          staffSession: () => staff.gate.peek() !== null,
          delivering: () => delivery.sync.status().sending,
          now: Date.now,
          logger,
        })
      : null;
  const demoPhone = simulator ? buildDemoPhone(simulator.url) : null;
  visit = buildVisit({
    logger,
    steps: [
      { name: 'citizen_session', run: () => sessions.end() },
      { name: 'staff_session', run: () => staff.gate.lock('visit.end') },
      { name: 'verification', run: () => verification.cancel() },
      { name: 'wizard', run: () => wizard.endVisit() },
      // DEMO mode: the demo phone's messages and the printer emulator's paper are the visit's too.
      { name: 'demo_phone', run: () => demoPhone?.forgetShown() },
      { name: 'demo_printer', run: () => receipts.emulator?.clear() },
    ],
  });
  const api: Handlers = {
    ...buildPresenceApi({ presence: health.presence }),
    ...buildKioskInfoApi({ config, demoPhone, visit }),
    ...buildAuthApi({ identity, sessions }),
    ...buildOutboxApi({ ...delivery, retention }),
    ...buildStaffApi(staff),
    ...buildRegistrationApi({ flow: verification, client }),
    ...buildCatalogApi({ catalog }),
    ...wizard.api,
    ...buildReceiptsApi({
      printing: receipts.printing,
      source: receiptSource,
      outbox: delivery.outbox,
      client,
      staffUnlocked: () => staff.gate.current() !== null,
      citizenId: () => sessions.current()?.citizenId ?? null,
      demoPrinter: receipts.emulator,
    }),
  };

  return {
    config,
    demo: simulator ? { simulatorUrl: simulator.url } : null,
    outbox: delivery.outbox,
    storage,
    health,
    update,
    dispatch: createDispatcher(api, {
      logger,
      storage,
      sessions: {
        citizen: () => sessions.current() !== null,
        staff: () => staff.gate.current(),
      },
      onStaffCall: staff.onStaffCall,
    }),
    async close() {
      await health.close();
      await sessions.end();
      await wizard.close();
      await receipts.close();
      await retention.stop();
      await delivery.close();
      await simulator?.close();
      await backups.stop();
      await data.close();
    },
  };
}
