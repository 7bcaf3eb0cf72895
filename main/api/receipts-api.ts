import type { LookupResult, receiptsContract } from '../../common/contract/receipts';
import { kioskError, type KioskError } from '../../common/errors';
import { readLookupReference } from '../../common/receipt/format';
import { err, ok, type Result } from '../../common/result';
import type { OutboxItem } from '../services/outbox/outbox';
import { toView } from '../services/printing/print-jobs';
import type { Printing } from '../services/printing/printing-service';
import type { ReceiptSource } from '../services/printing/receipt-source';
import type { LookupEndpoints } from '../services/provincial-api/lookup-endpoints';
import { toKioskError } from '../services/provincial-api/errors';
import type { DemoPrinter } from '../startup/demo-parts';
import type { HandlersOf } from './dispatch';

/**
 * Receipts and the status lookup. A receipt carries the applicant's name, so only the citizen who
 * filed the dossier (still logged in on this kiosk) or an unlocked clerk may see or print it; the
 * status lookup says nothing about the citizen and is open to anyone with the code.
 */
export function buildReceiptsApi(deps: {
  printing: Printing;
  source: ReceiptSource;
  outbox: { get(localRef: string): OutboxItem | null };
  client: LookupEndpoints;
  /** A staff member is unlocked at the counter (asking counts as their activity). */
  staffUnlocked: () => boolean;
  citizenId: () => string | null;
  demoPrinter: DemoPrinter | null;
}): HandlersOf<typeof receiptsContract> {
  const { printing } = deps;

  async function receiptFor(localRef: string) {
    const found = await deps.source(localRef);
    if (!found) return err(kioskError('not_found'));
    const mine = deps.citizenId() === found.citizenId;
    if (!mine && !deps.staffUnlocked()) return err(kioskError('not_found'));
    return ok(found.receipt);
  }

  async function lookup(reference: string): Promise<Result<LookupResult, KioskError>> {
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
  }

  return {
    'receipts.preview': async ({ localRef }) => {
      const receipt = await receiptFor(localRef);
      if (!receipt.ok) return receipt;
      return ok({ receipt: receipt.value, layout: printing.layout(receipt.value), printer: printing.thermal ? 'thermal' : 'system' });
    },
    'receipts.print': async ({ localRef }) => {
      const receipt = await receiptFor(localRef);
      if (!receipt.ok) return receipt;
      return ok(toView(await printing.printForCitizen(receipt.value)));
    },
    'lookup.status': async ({ reference }) => {
      const ref = readLookupReference(reference);
      if (!ref) return err(kioskError('invalid_input', { issues: [{ path: ['reference'], message: 'lookup.format' }] }));
      return lookup(ref);
    },
    'clerk.receipts.list': async () => ok({ jobs: printing.recent(50).map(toView) }),
    'clerk.receipts.retry': async ({ jobId }) => {
      const job = await printing.retry(jobId);
      return job ? ok(toView(job)) : err(kioskError('not_found'));
    },
    'clerk.receipts.reprint': async ({ jobId }) => {
      const original = printing.get(jobId);
      if (!original) return err(kioskError('not_found'));
      // The dossier may have been sent since: the copy shows its code now.
      const fresh = await deps.source(original.localRef);
      const job = await printing.reprint(jobId, fresh?.receipt ?? null);
      return job ? ok(toView(job)) : err(kioskError('not_found'));
    },
    'demo.printerOutput': async () => {
      if (!deps.demoPrinter) return err(kioskError('not_in_demo_mode'));
      return ok({ receipts: deps.demoPrinter.printed().slice(-5) });
    },
  };
}
