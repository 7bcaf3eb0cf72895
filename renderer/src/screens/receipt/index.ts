import { useFlowStore } from '../../stores/flow';
import { useReceiptStore } from '../../stores/receipt';
import { onReceiptPrintRequested } from '../wizard/receipt-hook';
import ClerkReceiptsScreen from './ClerkReceiptsScreen.vue';
import LookupScreen from './LookupScreen.vue';
import ReceiptScreen from './ReceiptScreen.vue';

/** Receipts (issue 6): the receipt after "In biên nhận", "Tra cứu hồ sơ", and the clerk's reprints. */
export const receiptScreens = { receipt: ReceiptScreen, lookup: LookupScreen, clerkReceipts: ClerkReceiptsScreen } as const;

// The wizard's result screen asks for a receipt through this hook; it opens the receipt screen.
onReceiptPrintRequested(({ localRef }) => {
  useReceiptStore().localRef = localRef;
  useFlowStore().go('receipt');
});
