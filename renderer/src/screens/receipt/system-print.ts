/**
 * The system printer's copy of the receipt, where no thermal printer is configured. In Electron
 * the preload offers `printReceipt` (silent print to the kiosk's default printer, main/shell/
 * system-print.ts); in the web shell the page prints itself. Either way receipt.css keeps only
 * the receipt on the page.
 */
export async function printOnSystemPrinter(): Promise<void> {
  if (window.kiosk?.printReceipt) {
    await window.kiosk.printReceipt();
    return;
  }
  window.print();
}
