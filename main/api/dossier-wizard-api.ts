import type { dossierWizardContract } from '../../common/contract/dossier-wizard';
import { agenciesFor } from '../../common/domain/procedures';
import { kioskError } from '../../common/errors';
import { err, ok } from '../../common/result';
import type { AttachmentFolders } from '../services/attachments/folders';
import type { Staging } from '../services/attachments/staging';
import type { Thumbnailer } from '../services/attachments/thumbnail';
import type { Captcha } from '../services/captcha/captcha';
import type { Catalog } from '../services/catalog/catalog';
import type { buildDossierSubmission } from '../services/dossiers/submit';
import type { HandlersOf } from './dispatch';

/**
 * The dossier wizard's slice of the API. Everything but the catalog needs a logged-in citizen
 * (the contract's guards, enforced by the dispatcher): attachments and codes belong to one visit,
 * and a visit without a citizen has nothing to file.
 */
export function buildDossierWizardApi(deps: {
  thumbnails: Thumbnailer;
  catalog: Catalog;
  folders: AttachmentFolders;
  staging: Staging;
  maxAttachmentBytes: number;
  captcha: Captcha;
  submission: ReturnType<typeof buildDossierSubmission>;
}): HandlersOf<typeof dossierWizardContract> {
  const { catalog, staging } = deps;

  return {
    'catalog.procedures': async () => {
      const r = await catalog.procedures.get();
      return r.ok ? ok({ catalog: r.value.value, offline: r.value.offline }) : r;
    },
    'catalog.agencies': async ({ procedureCode }) => {
      const [procedures, agencies] = [await catalog.procedures.get(), await catalog.agencies.get()];
      if (!procedures.ok) return procedures;
      if (!agencies.ok) return agencies;
      const procedure = procedures.value.value.procedures.find((p) => p.code === procedureCode);
      if (!procedure) return err(kioskError('procedure_not_found'));
      return ok({ agencies: agenciesFor(agencies.value.value.agencies, procedure), offline: agencies.value.offline });
    },
    'attachments.folders': async () => ok({ folders: deps.folders.list(), maxBytes: deps.maxAttachmentBytes }),
    'attachments.listFolder': async ({ folderId }) => {
      const r = await deps.folders.files(folderId);
      return r.ok ? ok({ files: r.value }) : r;
    },
    'attachments.stageFromFolder': async (input) => staging.stageFromFolder(input),
    'attachments.job': async ({ jobId }) => {
      const job = staging.job(jobId);
      return job ? ok(job) : err(kioskError('not_found'));
    },
    'attachments.beginUpload': async (input) => staging.beginUpload(input),
    'attachments.uploadChunk': async ({ uploadId, offset, data }) => staging.appendChunk({ uploadId, offset, data: Buffer.from(data, 'base64') }),
    'attachments.finishUpload': async ({ uploadId }) => staging.finishUpload(uploadId),
    'attachments.thumbnail': async ({ stagedId }) => {
      const file = staging.file(stagedId);
      if (!file) return err(kioskError('not_found'));
      return ok({ dataUrl: await deps.thumbnails.make(() => staging.read(stagedId), file.mediaType) });
    },
    'attachments.remove': async ({ stagedId }) => {
      await staging.remove(stagedId);
      return ok({});
    },
    'wizard.discard': async () => {
      // Best effort: the janitor and the next start clear whatever a failing disk left.
      await staging.wipe().catch(() => undefined);
      deps.captcha.forget();
      return ok({});
    },
    'captcha.new': async ({ asText }) => ok(await deps.captcha.issue({ asText })),
    'dossier.submit': async (input) => deps.submission.submit(input),
  };
}
