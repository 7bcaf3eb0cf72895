import { bitmapToPng } from '../main/services/printing/raster';
import type { DemoPrinter } from '../main/startup/demo-parts';
import type { PrinterEmulator } from '../tools/printer-emulator/emulator';

/** The printer emulator as DEMO mode's printer: the kiosk prints to it, the demo panel shows what came out. */
export function demoPrinter(emulator: PrinterEmulator): DemoPrinter {
  return {
    setup: {
      target: { type: 'network', host: emulator.host, port: emulator.port },
      paperWidthMm: 80,
      encoding: 'wpc1258',
      codePage: 52,
    },
    printed: () =>
      emulator.printed().map((r) => ({
        printedAt: r.printedAt,
        lines: r.lines,
        qrPayloads: r.qrPayloads,
        codePages: r.codePages,
        image: r.image ? `data:image/png;base64,${bitmapToPng(r.image).toString('base64')}` : null,
      })),
    clear: () => emulator.clear(),
  };
}
