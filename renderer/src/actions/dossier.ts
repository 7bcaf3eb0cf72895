import { CHUNK_BYTES, type StagedFile } from '../../../common/contract/dossier-wizard';
import type { MethodInput } from '../../../common/contract';
import { err, ok, type Result } from '../../../common/result';
import { call } from '../api/client';

/**
 * "Nộp hồ sơ": the wizard's calls. Files reach main as staged files (a copy from a configured
 * folder, or a camera photo in chunks) that the dossier then names by id; nothing the citizen
 * picked or photographed stays in the renderer.
 */

export const newCaptcha = (asText: boolean) => call('captcha.new', { asText });

export const submitDossier = (dossier: MethodInput<'dossier.submit'>) => call('dossier.submit', dossier);

/** Main forgets the unfinished dossier's staged files. */
export const discardWizard = () => call('wizard.discard', {});

export const attachmentFolders = () => call('attachments.folders', {});

/** The files that arrived in a folder during this visit (main offers no older ones). */
export const folderFiles = (folderId: string) => call('attachments.listFolder', { folderId });

export const thumbnail = (stagedId: string) => call('attachments.thumbnail', { stagedId });

export const removeStaged = (stagedId: string) => call('attachments.remove', { stagedId });

/** Bytes copied so far, for the slot's progress bar. */
export type Progress = (done: number, total: number) => void;
/** Why a file did not arrive: an error code (`errors.<code>` in the locale files). */
export type StageFailure = { code: string };

/**
 * Main copies the picked file in the background (a USB stick can be slow) and the renderer follows
 * the copy, so the screen stays responsive and shows progress.
 */
export async function stageFromFolder(
  documentId: string,
  folderId: string,
  fileName: string,
  progress: Progress,
): Promise<Result<StagedFile, StageFailure>> {
  const started = await call('attachments.stageFromFolder', { documentId, folderId, fileName });
  if (!started.ok) return err(started.error);
  for (;;) {
    const job = await call('attachments.job', { jobId: started.value.jobId });
    if (!job.ok) return err(job.error);
    if (job.value.state === 'done') return ok(job.value.file);
    if (job.value.state === 'failed') return err(job.value.error);
    progress(job.value.bytesDone, job.value.bytesTotal);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** A camera photo goes up in chunks that fit the transport's message limit. */
export async function uploadPhoto(
  documentId: string,
  bytes: Uint8Array,
  fileName: string,
  progress: Progress,
): Promise<Result<StagedFile, StageFailure>> {
  const begun = await call('attachments.beginUpload', { documentId, fileName, size: bytes.length });
  if (!begun.ok) return err(begun.error);
  for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
    const chunk = bytes.subarray(offset, Math.min(bytes.length, offset + CHUNK_BYTES));
    const r = await call('attachments.uploadChunk', { uploadId: begun.value.uploadId, offset, data: toBase64(chunk) });
    if (!r.ok) return err(r.error);
    progress(r.value.received, bytes.length);
  }
  const done = await call('attachments.finishUpload', { uploadId: begun.value.uploadId });
  return done.ok ? ok(done.value) : err(done.error);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
