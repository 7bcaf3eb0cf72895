import type { StagedFile } from '../../../../../common/contract/dossier-wizard';
import type { Result } from '../../../../../common/result';
import { removeStaged, stageFromFolder, thumbnail, uploadPhoto, type StageFailure } from '../../../actions/dossier';
import { useWizardStore } from '../../../stores/wizard';

/**
 * A document slot's bookkeeping while a file comes in (actions/dossier.ts moves the bytes):
 * progress while it arrives, the reason when it does not, its thumbnail when it has. A replaced
 * file is removed only once its successor has arrived.
 */
export function useAttachmentSlots() {
  const wizard = useWizardStore();

  function starting(documentId: string, total: number) {
    delete wizard.slotErrors[documentId];
    delete wizard.errors[`attachments.${documentId}`];
    wizard.pending[documentId] = { done: 0, total };
  }
  const progress = (documentId: string) => (done: number, total: number) => (wizard.pending[documentId] = { done, total });

  async function arrived(documentId: string, r: Result<StagedFile, StageFailure>) {
    if (!r.ok) {
      delete wizard.pending[documentId];
      wizard.slotErrors[documentId] = r.error.code;
      return;
    }
    const file = r.value;
    const previous = wizard.attachments[documentId];
    const thumb = await thumbnail(file.stagedId);
    wizard.attachments[documentId] = { ...file, thumbnail: thumb.ok ? thumb.value.dataUrl : null };
    delete wizard.pending[documentId];
    if (previous && previous.stagedId !== file.stagedId) await removeStaged(previous.stagedId);
  }

  async function fromFolder(documentId: string, folderId: string, fileName: string) {
    starting(documentId, 1);
    await arrived(documentId, await stageFromFolder(documentId, folderId, fileName, progress(documentId)));
  }

  async function fromCamera(documentId: string, photo: Blob, fileName: string) {
    starting(documentId, photo.size);
    const bytes = new Uint8Array(await photo.arrayBuffer());
    await arrived(documentId, await uploadPhoto(documentId, bytes, fileName, progress(documentId)));
  }

  async function remove(documentId: string) {
    const current = wizard.attachments[documentId];
    delete wizard.attachments[documentId];
    if (current) await removeStaged(current.stagedId);
  }

  return { fromFolder, fromCamera, remove };
}
