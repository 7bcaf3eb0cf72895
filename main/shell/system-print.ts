import type { IpcMain, WebContentsPrintOptions } from 'electron';
import type { Logger } from '../log';
import { isTrustedSender } from './window';

/**
 * The system printer's copy of a receipt, for kiosks without a thermal printer: the page asks
 * (preload's `window.kiosk.printReceipt()`), main prints the page silently to the default
 * printer. The page's print stylesheet (renderer receipt.css) leaves only the receipt on paper.
 * preload/index.ts spells the same channel name.
 */
export const printReceiptChannel = 'kiosk:print-receipt';

/** No dialog (a kiosk has no one to answer it), no background, a receipt-wide page. */
export function receiptPrintOptions(opts: { deviceName?: string } = {}): WebContentsPrintOptions {
  return {
    silent: true,
    printBackground: false,
    color: false,
    copies: 1,
    margins: { marginType: 'none' },
    // Microns: 80 mm wide, A4-long; the printer's driver cuts roll paper at the content's end.
    pageSize: { width: 80_000, height: 297_000 },
    ...(opts.deviceName ? { deviceName: opts.deviceName } : {}),
  };
}

export function registerSystemPrint(deps: {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  appUrl: string;
  logger: Logger;
  deviceName?: string;
}): () => void {
  deps.ipcMain.handle(printReceiptChannel, async (event) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isTrustedSender(frame.url, deps.appUrl)) {
      deps.logger.warn('print.untrusted_sender');
      return false;
    }
    return new Promise<boolean>((resolve) => {
      event.sender.print(receiptPrintOptions({ deviceName: deps.deviceName }), (success, failureReason) => {
        deps.logger.info('print.system', { success, reason: success ? undefined : failureReason });
        resolve(success);
      });
    });
  });
  return () => deps.ipcMain.removeHandler(printReceiptChannel);
}
