import { z } from 'zod';
import { DeliveryMethod } from '../domain/dossier';

/**
 * Everything a printed receipt says, frozen when the receipt is issued: reprints show the same
 * facts even if the dossier moves on. It carries the citizen's name and the last four digits of
 * their ID number only — never the full number, a phone, a password or an OTP — because it is
 * also the snapshot kept in the print_jobs table.
 */
export const MaskedCitizenId = z.string().regex(/^\*{5,8}\d{4}$/);

export const ReceiptData = z
  .object({
    /** First header line, e.g. "UBND TỈNH ĐẮK LẮK". */
    provinceName: z.string().min(1).max(120),
    /** The agency that handles the dossier (cơ quan giải quyết). */
    agencyName: z.string().min(1).max(200),
    /** The code the provincial API gave; null while the dossier waits in the kiosk's outbox. */
    dossierCode: z.string().min(1).max(64).nullable(),
    /** The kiosk's own reference, printed while there is no dossier code yet. */
    localRef: z.string().min(1).max(96),
    procedureCode: z.string().min(1).max(64),
    procedureName: z.string().min(1).max(400),
    applicantName: z.string().min(1).max(200),
    maskedCitizenId: MaskedCitizenId,
    /** ISO 8601 instant the kiosk took the dossier in. */
    receivedAt: z.string().datetime({ offset: true }),
    /**
     * When the result is due: an instant, or a day (YYYY-MM-DD, from the procedure's working days);
     * null when the procedure has no fixed time (chứng thực) or it is not known yet.
     */
    expectedResultAt: z.union([z.string().datetime({ offset: true }), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]).nullable(),
    deliveryMethod: DeliveryMethod,
    kioskId: z.string().min(1).max(64),
    /** What the QR code holds: the public status-lookup URL for this dossier. */
    lookupUrl: z.string().url().max(300),
    hotline: z.string().max(60).nullable(),
    /** Demo data: the receipt says so, so a sample is never mistaken for a real one. */
    sample: z.boolean(),
  })
  .strict();
export type ReceiptData = z.infer<typeof ReceiptData>;

/** The reference a citizen uses to look the dossier up: the API's code, or the local one while queued. */
export function lookupReference(r: Pick<ReceiptData, 'dossierCode' | 'localRef'>): string {
  return r.dossierCode ?? r.localRef;
}
