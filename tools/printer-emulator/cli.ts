import { writeFileSync } from 'node:fs';
import { bitmapToPng } from '../../main/services/printing/raster';
import { startPrinterEmulator } from './emulator';

/**
 * `node out/main/printer-emulator.js [--port 9100] [--png-dir DIR]`: a receipt printer on
 * loopback for IT to try the kiosk's printing without a printer. Prints what it receives.
 */
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const pngDir = arg('--png-dir');
const emulator = await startPrinterEmulator({
  port: Number(arg('--port') ?? 9100),
  wpc1258Slot: Number(arg('--code-page') ?? 52),
  onPrinted(r) {
    process.stdout.write(`--- receipt (code pages ${r.codePages.join(',') || '-'}) ---\n`);
    for (const line of r.lines) process.stdout.write(`${line}\n`);
    for (const qr of r.qrPayloads) process.stdout.write(`[QR] ${qr}\n`);
    if (r.image && pngDir) {
      const file = `${pngDir}/receipt-${Date.now()}.png`;
      writeFileSync(file, bitmapToPng(r.image));
      process.stdout.write(`[raster ${r.image.width}x${r.image.height}] ${file}\n`);
    }
  },
});
process.stdout.write(`Printer emulator listening on ${emulator.host}:${emulator.port}\n`);
const stop = () => void emulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
