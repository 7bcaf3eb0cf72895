import { CHUNK_BYTES, type StagedFile } from '../../../../../common/contract/dossier-wizard';
import { call } from '../../../api/client';
import { useWizardStore } from '../../../stores/wizard';

/**
 * Bringing a file into a document slot, off the UI's critical path: main copies a picked file in
 * the background and the renderer polls its progress; a camera photo goes up in chunks that fit
 * the transport's message limit. A replaced file is removed only once its successor has arrived.
 */
export function useAttachmentSlots() {
  const wizard = useWizardStore();

  async function place(documentId: string, file: StagedFile) {
    const previous = wizard.attachments[documentId];
    const thumb = await call('attachments.thumbnail', { stagedId: file.stagedId });
    wizard.attachments[documentId] = { ...file, thumbnail: thumb.ok ? thumb.value.dataUrl : null };
    delete wizard.pending[documentId];
    if (previous && previous.stagedId !== file.stagedId) await call('attachments.remove', { stagedId: previous.stagedId });
  }

  function fail(documentId: string, code: string) {
    delete wizard.pending[documentId];
    wizard.slotErrors[documentId] = code;
  }

  async function fromFolder(documentId: string, folderId: string, fileName: string) {
    delete wizard.slotErrors[documentId];
    delete wizard.errors[`attachments.${documentId}`];
    wizard.pending[documentId] = { done: 0, total: 1 };
    const started = await call('attachments.stageFromFolder', { documentId, folderId, fileName });
    if (!started.ok) return fail(documentId, started.error.code);
    for (;;) {
      const job = await call('attachments.job', { jobId: started.value.jobId });
      if (!job.ok) return fail(documentId, job.error.code);
      if (job.value.state === 'done') return place(documentId, job.value.file);
      if (job.value.state === 'failed') return fail(documentId, job.value.error.code);
      wizard.pending[documentId] = { done: job.value.bytesDone, total: job.value.bytesTotal };
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  async function fromCamera(documentId: string, photo: Blob, fileName: string) {
    delete wizard.slotErrors[documentId];
    delete wizard.errors[`attachments.${documentId}`];
    const bytes = new Uint8Array(await photo.arrayBuffer());
    wizard.pending[documentId] = { done: 0, total: bytes.length };
    const begun = await call('attachments.beginUpload', { documentId, fileName, size: bytes.length });
    if (!begun.ok) return fail(documentId, begun.error.code);
    for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
      const chunk = bytes.subarray(offset, Math.min(bytes.length, offset + CHUNK_BYTES));
      const r = await call('attachments.uploadChunk', { uploadId: begun.value.uploadId, offset, data: toBase64(chunk) });
      if (!r.ok) return fail(documentId, r.error.code);
      wizard.pending[documentId] = { done: r.value.received, total: bytes.length };
    }
    const done = await call('attachments.finishUpload', { uploadId: begun.value.uploadId });
    if (!done.ok) return fail(documentId, done.error.code);
    await place(documentId, done.value);
  }

  async function remove(documentId: string) {
    const current = wizard.attachments[documentId];
    delete wizard.attachments[documentId];
    if (current) await call('attachments.remove', { stagedId: current.stagedId });
  }

  return { fromFolder, fromCamera, remove };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
