import ClerkReceiptsScreen from './ClerkReceiptsScreen.vue';
import LookupScreen from './LookupScreen.vue';
import ReceiptScreen from './ReceiptScreen.vue';

/** Receipts (issue 6): the receipt after "In biên nhận", "Tra cứu hồ sơ", and the clerk's reprints. */
export const receiptScreens = { receipt: ReceiptScreen, lookup: LookupScreen, clerkReceipts: ClerkReceiptsScreen } as const;
