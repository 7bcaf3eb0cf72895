import { join } from 'node:path';
import type { CitizenProfile } from '../../../common/domain/auth';
import type { WorkCalendar } from '../../../common/domain/working-days';
import type { KioskConfig } from '../../config/schema';
import type { DemoParts } from '../../startup/demo-parts';
import type { Logger } from '../../log';
import { buildAttachmentFolders } from '../attachments/folders';
import { startStagingJanitor } from '../attachments/janitor';
import { buildStaging } from '../attachments/staging';
import { buildThumbnailer } from '../attachments/thumbnail';
import { buildCaptcha } from '../captcha/captcha';
import type { Catalog } from '../catalog/catalog';
import { startCatalogRefresh } from '../catalog/refresher';
import type { Outbox } from '../outbox/outbox';
import type { ProcedureEndpoints } from '../provincial-api/procedure-endpoints';
import type { SyncEngine } from '../sync/engine';
import { deliverNowVia } from './deliver-now';
import { buildDossierSubmission } from './submit';

/**
 * Starts the dossier wizard's services: the confined file picker, the visit's staging area and its
 * janitor, verification codes, the background catalog refresh, and submission into the outbox
 * with an immediate send (deliver-now.ts). Its API is built from these in backend.ts.
 */
export async function startDossierWizard(deps: {
  config: KioskConfig;
  /** The folders the file picker offers when IT configured none: DEMO mode's sample documents. */
  sampleFolders: DemoParts['sampleFolders'];
  client: ProcedureEndpoints;
  catalog: Catalog;
  citizen: () => CitizenProfile | null;
  outbox: Outbox;
  sync: SyncEngine;
  logger: Logger;
  calendar: WorkCalendar;
}) {
  const { config, logger } = deps;
  // IT's folders (a USB stick's mount point, the scanner's output), else the demo's samples, else
  // none in production: the camera still works.
  const picker = config.attachments.folders
    ? { folders: config.attachments.folders, scanSamples: null }
    : (deps.sampleFolders ?? { folders: [], scanSamples: null });
  const folders = buildAttachmentFolders(picker.folders, { afterPick: config.attachments.afterPick, moveTo: config.attachments.moveTo, logger });
  const staging = buildStaging({ dir: join(config.dataDir, 'staging'), maxBytes: config.attachments.maxBytes, folders, logger });
  const thumbnails = buildThumbnailer({ logger });
  const captcha = buildCaptcha({ api: deps.client, now: Date.now, logger });
  const refresh = startCatalogRefresh({
    datasets: {
      adminUnits: deps.catalog.adminUnits,
      procedures: deps.catalog.procedures,
      agencies: deps.catalog.agencies,
      workCalendar: deps.catalog.workCalendar,
    },
    intervalMs: 15 * 60_000,
    logger,
  });

  const janitor = startStagingJanitor({ staging, citizenPresent: () => deps.citizen() !== null, logger });

  const submission = buildDossierSubmission({
    citizen: deps.citizen,
    procedures: () => deps.catalog.procedures.cached(),
    agencies: () => deps.catalog.agencies.cached(),
    captcha,
    staging,
    outbox: deps.outbox,
    deliverNow: deliverNowVia(deps.outbox, deps.sync),
    now: Date.now,
    logger,
    calendar: deps.calendar,
  });

  /** The visit's attachments and codes go; what is in the picker's folders now is never shown again. */
  async function endVisit(): Promise<void> {
    captcha.forget();
    // A failing disk must not stop the visit ending (or the kiosk starting): the next wipe retries.
    await staging.wipe().catch((e: unknown) => logger.warn('attachments.wipe_failed', { error: e instanceof Error ? e.name : typeof e }));
    await folders.beginVisit();
    await picker.scanSamples?.();
  }
  // Whatever a crash or a kill left from an unfinished dossier goes before anyone sees the kiosk,
  // and so does anything already waiting in the scanner folder.
  await endVisit();

  return {
    // What the wizard's API (api/dossier-wizard-api.ts, built in backend.ts) serves.
    thumbnails,
    folders,
    staging,
    captcha,
    submission,
    endVisit,
    async close() {
      janitor.stop();
      refresh.stop();
      await staging.wipe().catch(() => undefined);
    },
  };
}
