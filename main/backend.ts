import { join } from 'node:path';
import { liveWorkCalendar } from '../common/domain/working-days';
import type { KioskConfig } from './config/schema';
import { buildDispatcher, type Handlers } from './api/dispatch';
import { buildAuthApi } from './api/auth-api';
import { buildKioskInfoApi } from './api/kiosk-info-api';
import { buildOutboxApi } from './api/outbox-api';
import { buildReceiptsApi } from './api/receipts-api';
import { buildStaffApi } from './api/staff-api';
import { buildItApi } from './api/it-api';
import { printerTarget } from './services/diagnostics/config-summary';
import { startStaff } from './services/staff/start';
import { buildReceiptSource } from './services/receipts/receipt-source';
import { buildReceipts } from './services/receipts/receipts';
import { startPrinting } from './services/printing/start';
import { startOutboxAndSync } from './services/sync/start';
import type { Outbox } from './services/outbox/outbox';
import { buildCatalogApi, buildRegistrationApi } from './api/registration-api';
import { buildDossierWizardApi } from './api/dossier-wizard-api';
import { buildCatalog } from './services/catalog/catalog';
import { startDossierWizard } from './services/dossiers/start';
import { buildVerificationFlow } from './services/registration/verification-flow';
import type { Logger } from './log';
import { buildPortalAccountProvider } from './services/accounts/portal-account-provider';
import { buildCitizenSessions } from './services/accounts/session';
import { buildVisit, type Visit } from './services/visit/visit';
import { buildProvincialClient } from './services/provincial-api/client';
import { scheduleBackups } from './store/backup';
import { buildDeviceClient } from './services/provincial-api/device-client';
import { buildApiClock } from './services/provincial-api/api-clock';
import { buildRequestCore } from './services/provincial-api/request-core';
import type { ApiClock } from './services/provincial-api/types';
import { buildDemoIdentity, buildDeviceIdentity, type DeviceIdentity } from './services/device/device-identity';
import type { KeyStore, StoredDevice } from './services/device/key-store';
import { openDataFolder } from './store/data-folder';
import type { ShellKeys } from './keys/sealer';
import { buildSettingsRepository } from './store/kiosk-identity';
import { buildStorageGuard, type StorageGuard } from './store/storage-guard';
import { buildRetention } from './services/retention/retention';
import type { DemoParts } from './startup/demo-parts';
import { startHealth, type Health } from './services/health/start';
import { buildPresenceApi } from './api/presence-api';
import { buildUpdateCoordinator, type UpdateCoordinator } from './services/update/coordinator';
import { buildUpdateState } from './services/update/update-state';
import pkg from '../package.json';

export interface Backend {
  config: KioskConfig;
  /** DEMO mode's parts (simulator, printer emulator, demo phone), or null in production. */
  demo: DemoParts | null;
  /** Where finished submissions are stored for delivery (services/outbox): the wizard enqueues here. */
  outbox: Outbox;
  /** The data folder's disk: free-space floor and write faults (the last-resort handler reports here). */
  storage: StorageGuard;
  /** Who this kiosk is to the API (enrolled, revoked, demo) and its key (services/device). */
  device: DeviceIdentity;
  /** The API's clock as measured from its answers (IT: the kiosk's clock offset). */
  apiClock: ApiClock;
  /** Enrols this kiosk with IT's one-time code (the IT screen, `kiosk-admin enrol`). */
  enrol(code: string): ReturnType<DeviceIdentity['enrol']>;
  /** The kiosk's health: metrics, heartbeat, presence (services/health). */
  health: Health;
  /** Automatic updates (services/update), when config.update is set; the Electron shell drives it. */
  update: UpdateCoordinator | null;
  dispatch(method: unknown, input: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Wires the kiosk in one visible place: store → provincial API client → services → the API
 * object both transports serve. Which API and which device credential come from the mode the
 * entry point chose (startup/start-kiosk.ts): the config's in production, the demo's in DEMO mode.
 */
export async function startBackend(opts: {
  config: KioskConfig;
  demo: DemoParts | null;
  /** Production: the kiosk's own device key, opened by startup/device-key.ts. */
  deviceKey: { store: KeyStore; stored: StoredDevice } | null;
  /** Electron only: its own better-sqlite3 build (see store/db.ts). */
  sqliteNativeBinding?: string;
  /** How this shell seals keys (keys/sealer.ts): the data key, and the device key (startup/device-key.ts). */
  keys: ShellKeys;
  /** The environment (KIOSK_DATA_KEY). */
  env: NodeJS.ProcessEnv;
  /** Which shell runs it (`web`, `electron`): named to a second process on the same data folder. */
  shell?: string;
  /** What IT's "export logs" collects: the shell's log folder (null: stderr only) and the lines since start. */
  logs?: { dir: string | null; recent: () => readonly string[] };
  logger: Logger;
}): Promise<Backend> {
  const { logger, config, demo } = opts;

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
      keys: opts.keys,
      // DEMO mode makes its own key file beside the data folder.
      demo: demo !== null,
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
  buildSettingsRepository(db).installationId();

  const baseUrl = demo?.apiBaseUrl ?? config.api!.baseUrl;
  logger.info('backend.start', { kioskId: config.kioskId, demo: demo !== null });

  // Every request to the API, a citizen's or the kiosk's own, goes through one core, signed as
  // this kiosk (the demo device in DEMO mode) with the API's time as measured from its answers.
  let onEnrolled = (): void => undefined;
  const device: DeviceIdentity = demo
    ? buildDemoIdentity(demo.device)
    : buildDeviceIdentity({
        store: opts.deviceKey!.store,
        stored: opts.deviceKey!.stored,
        kioskId: config.kioskId,
        apiBaseUrl: baseUrl,
        logger,
        onEnrolled: () => onEnrolled(),
      });
  if (!device.inService()) logger.warn('device.not_enrolled', { fingerprint: device.status().fingerprint.slice(0, 16) });
  const apiClock = buildApiClock({ logger });
  const core = buildRequestCore({
    baseUrl,
    timeoutMs: config.api?.timeoutMs ?? 15_000,
    logger,
    signer: device,
    clock: apiClock,
    userAgent: `kiosk-dvc/${config.kioskId}`,
  });
  const client = buildProvincialClient(core);
  const deviceClient = buildDeviceClient(core);
  // Bound below, once everything a visit touches exists.
  let visit: Visit | null = null;
  const sessions = buildCitizenSessions({
    now: Date.now,
    idleTimeoutSeconds: config.idleTimeoutSeconds,
    onExpired: () => void visit?.end('session_expired'),
  });
  const identity = buildPortalAccountProvider(client);
  // Staff accounts from the config (DEMO mode's samples when it names none).
  const staff = startStaff({ config, db, demo: demo !== null, logger });
  const delivery = await startOutboxAndSync({
    config,
    db,
    api: deviceClient,
    logger,
    storage,
    dataKeys: data.keyring,
    refs: data.refs,
    onAccepted: () => backups.nudge(),
  });
  // Once IT enrols the kiosk, what waited for it goes at once.
  onEnrolled = () => delivery.sync.syncNow();
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
    sampleFolders: demo?.sampleFolders ?? null,
    client,
    catalog,
    citizen: () => sessions.current(),
    outbox: delivery.outbox,
    sync: delivery.sync,
    logger,
    calendar,
  });
  const printing = startPrinting({ config, db, fallback: demo?.printer?.setup ?? null, logger });
  const receiptSource = buildReceiptSource({
    outbox: delivery.outbox,
    catalog,
    calendar,
    settings: {
      kioskId: config.kioskId,
      provinceName: config.receipt.provinceName,
      lookupBaseUrl: config.receipt.lookupBaseUrl,
      hotline: config.receipt.hotline ?? null,
      sample: demo !== null,
    },
  });
  const receipts = buildReceipts({
    source: receiptSource,
    outbox: delivery.outbox,
    client,
    staffUnlocked: () => staff.gate.current() !== null,
    citizenId: () => sessions.current()?.citizenId ?? null,
  });
  const updateState = config.update ? buildUpdateState({ db, runningVersion: pkg.version, now: Date.now }) : null;
  const health = await startHealth({
    config,
    channel: config.update?.channel ?? null,
    update: () => updateState?.health() ?? null,
    outbox: delivery.outbox,
    sync: delivery.sync,
    apiObserved: delivery.apiObserved,
    clockOffsetMs: () => apiClock.offsetMs(),
    device: delivery.device,
    printing,
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
  visit = buildVisit({
    logger,
    steps: [
      { name: 'citizen_session', run: () => sessions.end() },
      { name: 'staff_session', run: () => staff.gate.lock('visit.end') },
      { name: 'verification', run: () => verification.cancel() },
      { name: 'wizard', run: () => wizard.endVisit() },
      // DEMO mode: the demo phone's messages and the printer emulator's paper are the visit's too.
      { name: 'demo_phone', run: () => demo?.phone.forgetShown() },
      { name: 'demo_printer', run: () => demo?.printer?.clear() },
    ],
  });
  const api: Handlers = {
    ...buildKioskInfoApi({ config, demoPhone: demo?.phone ?? null, visit }),
    ...buildPresenceApi({ presence: health.presence }),
    ...buildAuthApi({ identity, sessions }),
    ...buildOutboxApi({ ...delivery, retention, device }),
    ...buildStaffApi(staff),
    ...buildRegistrationApi({ flow: verification, client }),
    ...buildCatalogApi({ catalog }),
    ...buildDossierWizardApi({
      thumbnails: wizard.thumbnails,
      catalog,
      folders: wizard.folders,
      staging: wizard.staging,
      maxAttachmentBytes: config.attachments.maxBytes,
      captcha: wizard.captcha,
      submission: wizard.submission,
    }),
    ...buildReceiptsApi({ printing, receipts, demoPrinter: demo?.printer ?? null }),
    ...buildItApi({
      diagnostics: {
        config,
        shell: opts.shell ?? 'kiosk',
        device: () => device.status(),
        api: deviceClient,
        clockOffsetMs: () => apiClock.offsetMs(),
        disk: () => storage.status(),
        printer: {
          // No printer configured but one to print on: DEMO mode's printer emulator.
          ...(config.printer.type === 'none' && printing.thermal ? { type: 'emulator' as const, target: null } : printerTarget(config.printer)),
          check: async () => (await printing.checkStatus())?.status ?? null,
        },
        outbox: () => {
          const s = delivery.sync.status();
          const oldest = delivery.outbox.oldestWaitingSince();
          const last = delivery.outbox.lastAcceptedAt();
          return {
            waiting: s.waiting,
            sending: s.sending,
            needsAttention: s.needsAttention,
            oldestWaitingAgeSeconds: oldest === null ? null : Math.max(0, (Date.now() - oldest) / 1000),
            lastDeliveryAt: last === null ? null : new Date(last).toISOString(),
          };
        },
        now: Date.now,
      },
      printing,
      enrol: (code) => device.enrol(code, deviceClient),
      logs: {
        dir: opts.logs?.dir ?? null,
        recent: opts.logs?.recent ?? (() => []),
        // Beside the data folder, never inside it: the data folder's backups and checks stay its own.
        defaultExportDir: `${config.dataDir}-exports`,
      },
    }),
  };

  return {
    config,
    demo,
    outbox: delivery.outbox,
    storage,
    device,
    apiClock,
    enrol: (code) => device.enrol(code, deviceClient),
    health,
    update,
    dispatch: buildDispatcher(api, {
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
      await retention.stop();
      await delivery.close();
      await backups.stop();
      await data.close();
    },
  };
}
