import { z } from 'zod';
import { DeliveryProblem } from '../../../common/contract/outbox';
import { maskCitizenId } from '../../../common/receipt/format';

/**
 * What stays of a submission once its personal data is erased: what the status strip, the status
 * lookup and the clerk's history need, and nothing that names or reaches the citizen. Pure: the
 * retention service stores the result in place of the payload.
 */
export const ErasedSubmission = z
  .object({
    erased: z.literal(true),
    kind: z.enum(['dossier', 'complaint']),
    procedureCode: z.string().nullable(),
    agencyId: z.string().nullable(),
    deliveryMethod: z.string().nullable(),
    /** The last four digits only, as on the receipt. */
    maskedCitizenId: z.string().nullable(),
    attachments: z.number().int().nonnegative(),
    submittedAt: z.string().nullable(),
  })
  .strict();
export type ErasedSubmission = z.infer<typeof ErasedSubmission>;

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 && v.length <= 128 ? v : null);

function masked(id: unknown): string | null {
  if (typeof id !== 'string') return null;
  try {
    return maskCitizenId(id);
  } catch {
    return null;
  }
}

/** The stub for a stored payload (JSON as the outbox wrote it; anything unreadable keeps nothing). */
export function eraseSubmission(kind: 'dossier' | 'complaint', payloadJson: string, attachmentCount: number): ErasedSubmission {
  let p: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(payloadJson);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) p = parsed as Record<string, unknown>;
  } catch {
    // Unreadable: nothing of it is kept.
  }
  // Erasing twice keeps the first stub (an interrupted run is simply run again).
  const already = ErasedSubmission.safeParse(p);
  if (already.success) return already.data;
  const applicant = (p.applicant && typeof p.applicant === 'object' ? p.applicant : {}) as Record<string, unknown>;
  return {
    erased: true,
    kind,
    procedureCode: str(p.procedureCode),
    agencyId: str(p.agencyId),
    deliveryMethod: str(p.deliveryMethod),
    maskedCitizenId: masked(kind === 'dossier' ? applicant.citizenId : p.citizenId),
    attachments: attachmentCount,
    submittedAt: str(p.submittedAt),
  };
}

export function readErased(payloadJson: string): ErasedSubmission | null {
  try {
    const parsed = ErasedSubmission.safeParse(JSON.parse(payloadJson));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * A delivery problem without the API's own message, which may quote the citizen ("CCCD 0661… does
 * not match Nguyễn…"); the code and HTTP status stay for the clerk's history.
 */
export function withoutMessage(json: string | null): string | null {
  if (json === null) return null;
  try {
    const value: unknown = JSON.parse(json);
    const problem = DeliveryProblem.safeParse(value);
    if (problem.success) {
      const { message: _message, ...rest } = problem.data;
      return JSON.stringify(rest);
    }
    // A retry's detail: { problem, inSeconds }.
    const retry = z.object({ problem: DeliveryProblem, inSeconds: z.number() }).safeParse(value);
    if (retry.success) {
      const { message: _message, ...rest } = retry.data.problem;
      return JSON.stringify({ problem: rest, inSeconds: retry.data.inSeconds });
    }
  } catch {
    // Free text from an earlier build: it may say anything.
  }
  return JSON.stringify({ code: 'other' });
}
