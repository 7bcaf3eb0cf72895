import { call } from '../api/client';

/** The citizen's receipt after "Nộp hồ sơ", and "Tra cứu hồ sơ" by the code on it. */

export const receiptPreview = (localRef: string) => call('receipts.preview', { localRef });

export const printReceipt = (localRef: string) => call('receipts.print', { localRef });

export const lookupStatus = (reference: string) => call('lookup.status', { reference });
