import type { receiptsContract } from '../../common/contract/receipts';
import { kioskError } from '../../common/errors';
import { readLookupReference } from '../../common/receipt/format';
import { err, ok } from '../../common/result';
import { toView } from '../services/printing/print-jobs';
import type { Printing } from '../services/printing/printing-service';
import type { Receipts } from '../services/receipts/receipts';
import type { DemoPrinter } from '../startup/demo-parts';
import type { HandlersOf } from './dispatch';

/**
 * Receipts, the status lookup and the clerk's print jobs. Who may see a receipt is the receipts
 * service's decision (services/receipts/receipts.ts); this slice reads the input, asks the service
 * and shapes the answer.
 */
export function buildReceiptsApi(deps: {
  printing: Printing;
  receipts: Receipts;
  demoPrinter: DemoPrinter | null;
}): HandlersOf<typeof receiptsContract> {
  const { printing, receipts } = deps;

  return {
    'receipts.preview': async ({ localRef }) => {
      const receipt = await receipts.forCaller(localRef);
      if (!receipt.ok) return receipt;
      return ok({ receipt: receipt.value, layout: printing.layout(receipt.value), printer: printing.thermal ? 'thermal' : 'system' });
    },
    'receipts.print': async ({ localRef }) => {
      const receipt = await receipts.forCaller(localRef);
      if (!receipt.ok) return receipt;
      return ok(toView(await printing.printForCitizen(receipt.value)));
    },
    'lookup.status': async ({ reference }) => {
      const ref = readLookupReference(reference);
      if (!ref) return err(kioskError('invalid_input', { issues: [{ path: ['reference'], message: 'lookup.format' }] }));
      return receipts.lookup(ref);
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
      const job = await printing.reprint(jobId, await receipts.current(original.localRef));
      return job ? ok(toView(job)) : err(kioskError('not_found'));
    },
    'demo.printerOutput': async () => {
      if (!deps.demoPrinter) return err(kioskError('not_in_demo_mode'));
      return ok({ receipts: deps.demoPrinter.printed().slice(-5) });
    },
  };
}
