import type { Complaint } from '../../../common/domain/registration';
import type { KioskError } from '../../../common/errors';
import type { ComplaintReceipt } from '../../../common/provincial/registration-schemas';
import { err, ok, type Result } from '../../../common/result';
import type { ProvincialClient } from '../provincial-api/client';
import { toKioskError } from '../provincial-api/errors';

export type ComplaintSubmission = Complaint & { idempotencyKey: string };

/**
 * Sends a "khiếu nại" (someone holds an account under my ID) to the provincial API. The key is
 * generated once per complaint by the kiosk, so a resend after a lost answer is recorded once.
 *
 * TODO(outbox): today this is online only and a network failure comes back as
 * `network_unavailable`. The brief wants an offline complaint queued like any submission: route
 * this one function through main/services/outbox (same idempotencyKey) and return "queued".
 */
export async function submitComplaint(
  client: Pick<ProvincialClient, 'submitComplaint'>,
  complaint: ComplaintSubmission,
): Promise<Result<ComplaintReceipt, KioskError>> {
  const r = await client.submitComplaint({
    idempotencyKey: complaint.idempotencyKey,
    citizenId: complaint.citizenId,
    fullName: complaint.fullName,
    phone: complaint.phone,
    description: complaint.description,
  });
  return r.ok ? ok(r.value) : err(toKioskError(r.error));
}
