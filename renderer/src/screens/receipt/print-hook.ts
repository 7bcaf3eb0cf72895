import { useFlowStore } from '../../stores/flow';
import { useReceiptStore } from '../../stores/receipt';
import { onReceiptPrintRequested } from '../wizard/receipt-hook';

// The wizard's result screen asks for a receipt through this hook; it opens the receipt screen.
// Registered at start (App.vue), not with the receipt screens: those load on demand, and "In biên
// nhận" must work even if the citizen is faster than the prefetch.
onReceiptPrintRequested(({ localRef }) => {
  useReceiptStore().localRef = localRef;
  useFlowStore().go('receipt');
});
