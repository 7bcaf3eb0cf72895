import type { KioskConfig } from '../../config/schema';
import type { Logger } from '../../log';
import type { Db } from '../../store/db';
import { connectPrinter } from './printer-link';
import { buildPrinting, type PrinterSetup, type Printing } from './printing-service';

/**
 * The printer from config. With none configured, receipts go to `fallback` (DEMO mode's printer
 * emulator, so the demo shows what would come out of the printer) or, in production, to the
 * system printer from the screen.
 */
export function startPrinting(deps: { config: KioskConfig; db: Db; fallback: PrinterSetup | null; logger: Logger }): Printing {
  const setup = printerSetupFrom(deps.config.printer) ?? deps.fallback;
  return buildPrinting({ db: deps.db, now: Date.now, printer: setup, connect: connectPrinter, logger: deps.logger });
}

/** The thermal printer the config names, or null for none (the system printer). */
export function printerSetupFrom(p: KioskConfig['printer']): PrinterSetup | null {
  switch (p.type) {
    case 'network':
      return { target: { type: 'network', host: p.host, port: p.port }, paperWidthMm: p.paperWidthMm, encoding: p.encoding, codePage: p.codePage };
    case 'usb':
      return { target: { type: 'usb', vendorId: p.vendorId, productId: p.productId }, paperWidthMm: p.paperWidthMm, encoding: p.encoding, codePage: p.codePage };
    case 'serial':
      return { target: { type: 'serial', path: p.path, baudRate: p.baudRate }, paperWidthMm: p.paperWidthMm, encoding: p.encoding, codePage: p.codePage };
    case 'none':
      return null;
  }
}
