import LookupScreen from './LookupScreen.vue';
import ReceiptScreen from './ReceiptScreen.vue';

/** Receipts: the receipt after "In biên nhận" and "Tra cứu hồ sơ" (the clerk's reprints are in screens/clerk/). */
export const receiptScreens = { receipt: ReceiptScreen, lookup: LookupScreen } as const;
