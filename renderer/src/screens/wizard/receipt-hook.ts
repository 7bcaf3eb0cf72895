/**
 * The seam between the wizard's result screen and receipt printing (issue 6): "In biên nhận"
 * calls `requestReceiptPrint(localRef)`; the receipt screen registers what that does with
 * `onReceiptPrintRequested`. Until one is registered the button says printing is not available.
 */
export type ReceiptPrintHandler = (request: { localRef: string; dossierCode: string | null }) => void | Promise<void>;

let handler: ReceiptPrintHandler | null = null;

export function onReceiptPrintRequested(h: ReceiptPrintHandler | null): void {
  handler = h;
}

export function receiptPrintAvailable(): boolean {
  return handler !== null;
}

export async function requestReceiptPrint(request: { localRef: string; dossierCode: string | null }): Promise<boolean> {
  if (!handler) return false;
  await handler(request);
  return true;
}
