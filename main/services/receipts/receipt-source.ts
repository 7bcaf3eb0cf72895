import { DossierSubmission } from '../../../common/domain/dossier';
import { addWorkingDays, type WorkCalendar } from '../../../common/domain/working-days';
import { buildLookupUrl, maskCitizenId } from '../../../common/receipt/format';
import type { ReceiptData } from '../../../common/receipt/receipt';
import type { Catalog } from '../catalog/catalog';
import type { Outbox } from '../outbox/outbox';

/**
 * Builds a dossier's receipt from what the kiosk knows now: the outbox row (reference, state, the
 * API's code once accepted), the stored submission, and the catalog's names and processing time.
 */
export type ReceiptSource = (localRef: string) => Promise<{ receipt: ReceiptData; citizenId: string } | null>;

export interface ReceiptSettings {
  kioskId: string;
  provinceName: string;
  lookupBaseUrl: string;
  hotline: string | null;
  /** Demo mode: the receipt says it is sample data. */
  sample: boolean;
}

export function buildReceiptSource(deps: {
  outbox: Pick<Outbox, 'get' | 'storedSubmission'>;
  catalog: Pick<Catalog, 'procedures' | 'agencies'>;
  settings: ReceiptSettings;
  calendar?: WorkCalendar;
}): ReceiptSource {
  const { settings } = deps;

  return async (localRef) => {
    const item = deps.outbox.get(localRef);
    const stored = deps.outbox.storedSubmission(localRef);
    if (!item || stored?.kind !== 'dossier') return null;
    const submission = DossierSubmission.parse(stored.submission);
    const [procedures, agencies] = [await deps.catalog.procedures.get(), await deps.catalog.agencies.get()];
    const procedure = procedures.ok ? procedures.value.value.procedures.find((p) => p.code === submission.procedureCode) : undefined;
    const agency = agencies.ok ? agencies.value.value.agencies.find((a) => a.id === submission.agencyId) : undefined;
    const receivedAt = new Date(item.createdAt).toISOString();
    const days = procedure?.processingDays ?? null;
    // The legal time runs from when the agency received it: the API's acceptance, or, while
    // queued, from now at the earliest — so the date printed on a queued receipt is left open.
    const expectedResultAt =
      days === null || item.acceptedAt === null ? null : addWorkingDays(new Date(item.acceptedAt).toISOString(), days, deps.calendar);
    const receipt: ReceiptData = {
      provinceName: settings.provinceName,
      agencyName: agency?.name ?? submission.agencyId,
      dossierCode: item.remoteCode,
      localRef: item.localRef,
      procedureCode: submission.procedureCode,
      procedureName: procedure?.name ?? submission.procedureCode,
      applicantName: submission.applicant.fullName,
      maskedCitizenId: maskCitizenId(submission.applicant.citizenId),
      receivedAt,
      expectedResultAt,
      deliveryMethod: submission.deliveryMethod,
      kioskId: settings.kioskId,
      lookupUrl: buildLookupUrl(settings.lookupBaseUrl, item.remoteCode ?? item.localRef),
      hotline: settings.hotline,
      sample: settings.sample,
    };
    // Who filed it, so only that citizen (or a clerk) can see and print the receipt.
    return { receipt, citizenId: submission.applicant.citizenId };
  };
}
