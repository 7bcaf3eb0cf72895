import type { KioskConfig } from '../../config/schema';
import type { Logger } from '../../log';
import type { Db } from '../../store/db';
import { startPrinterEmulator, type PrinterEmulator } from '../../../tools/printer-emulator/emulator';
import { connectPrinter } from './printer-link';
import { buildPrinting, type PrinterSetup, type Printing } from './printing-service';

/**
 * The printer from config. In demo mode with no printer configured, the kiosk starts the printer
 * emulator on loopback and prints to it, so the demo shows what would come out of the printer.
 * In production with no printer, receipts go to the system printer from the screen instead.
 */
export async function startPrinting(deps: { config: KioskConfig; db: Db; demo: boolean; logger: Logger }): Promise<{
  printing: Printing;
  emulator: PrinterEmulator | null;
  close(): Promise<void>;
}> {
  const { config, logger } = deps;
  const p = config.printer;
  let emulator: PrinterEmulator | null = null;
  let setup: PrinterSetup | null = null;
  switch (p.type) {
    case 'network':
      setup = { target: { type: 'network', host: p.host, port: p.port }, paperWidthMm: p.paperWidthMm, encoding: p.encoding, codePage: p.codePage };
      break;
    case 'usb':
      setup = { target: { type: 'usb', vendorId: p.vendorId, productId: p.productId }, paperWidthMm: p.paperWidthMm, encoding: p.encoding, codePage: p.codePage };
      break;
    case 'serial':
      setup = { target: { type: 'serial', path: p.path, baudRate: p.baudRate }, paperWidthMm: p.paperWidthMm, encoding: p.encoding, codePage: p.codePage };
      break;
    case 'none':
      if (deps.demo) {
        emulator = await startPrinterEmulator({ wpc1258Slot: 52 });
        setup = { target: { type: 'network', host: emulator.host, port: emulator.port }, paperWidthMm: 80, encoding: 'wpc1258', codePage: 52 };
        logger.info('printing.demo_emulator', { port: emulator.port });
      }
      break;
  }
  const printing = buildPrinting({ db: deps.db, now: Date.now, printer: setup, connect: connectPrinter, logger });
  return { printing, emulator, close: async () => void (await emulator?.close()) };
}
