import type { LookupResult } from '../../../common/contract/receipts';
import { kioskError, type KioskError } from '../../../common/errors';
import type { ReceiptData } from '../../../common/receipt/receipt';
import { err, ok, type Result } from '../../../common/result';
import type { Outbox } from '../outbox/outbox';
import { toKioskError } from '../provincial-api/errors';
import type { LookupEndpoints } from '../provincial-api/lookup-endpoints';
import type { ReceiptSource } from './receipt-source';

/**
 * Who may see a dossier's receipt, and what the status lookup answers.
 *
 * A receipt carries the applicant's name, so only the citizen who filed the dossier (still logged
 * in on this kiosk) or an unlocked clerk may see or print it; anyone else is told `not_found`, the
 * same as for a reference that does not exist, so trying references reveals nothing. The status
 * lookup says nothing about the citizen and is open to anyone with the code.
 */
export function buildReceipts(deps: {
  source: ReceiptSource;
  outbox: Pick<Outbox, 'get'>;
  client: LookupEndpoints;
  /** A staff member is unlocked at the counter (asking counts as their activity). */
  staffUnlocked: () => boolean;
  /** The logged-in citizen's id, or null. */
  citizenId: () => string | null;
}) {
  return {
    /** The receipt of `localRef` as it reads now, if the caller may see it. */
    async forCaller(localRef: string): Promise<Result<ReceiptData, KioskError>> {
      const found = await deps.source(localRef);
      if (!found) return err(kioskError('not_found'));
      const mine = deps.citizenId() === found.citizenId;
      if (!mine && !deps.staffUnlocked()) return err(kioskError('not_found'));
      return ok(found.receipt);
    },

    /** The receipt as it reads now, for a clerk's reprint (the dossier may have been sent since). */
    async current(localRef: string): Promise<ReceiptData | null> {
      return (await deps.source(localRef))?.receipt ?? null;
    },

    /**
     * A dossier's status by the API's dossier code or this kiosk's own reference: the API's answer
     * when it has the dossier, what the outbox knows while it has not been sent or when the API
     * cannot be asked.
     */
    async lookup(reference: string): Promise<Result<LookupResult, KioskError>> {
      const local = deps.outbox.get(reference);
      const code = local ? local.remoteCode : reference;
      if (local && code === null) {
        return ok({ kind: 'local', localRef: local.localRef, outboxState: local.state, dossierCode: null });
      }
      const remote = await deps.client.dossierStatus(code!);
      if (remote.ok) return ok({ kind: 'remote', ...remote.value });
      // Sent, but the API cannot be asked right now: what the kiosk itself knows is still true.
      if (local) return ok({ kind: 'local', localRef: local.localRef, outboxState: local.state, dossierCode: local.remoteCode });
      return err(toKioskError(remote.error));
    },
  };
}

export type Receipts = ReturnType<typeof buildReceipts>;
