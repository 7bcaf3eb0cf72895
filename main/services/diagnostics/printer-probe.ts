import type { ConnectPrinter, PrinterTarget } from '../printing/printer-link';
import type { PrinterStatus } from '../printing/printer-status';

const unreachable: PrinterStatus = { ready: false, problems: ['offline'], paperLow: false };

/**
 * Asks a receipt printer how it is, once (DLE EOT), with nothing printed and nothing recorded:
 * `kiosk-admin doctor`, which runs without the kiosk's database. A printer that is off, unplugged
 * or at the wrong address is `offline`.
 */
export async function probePrinter(target: PrinterTarget, connect: ConnectPrinter, timeoutMs = 3000): Promise<PrinterStatus> {
  const link = await connect(target, { timeoutMs }).catch(() => null);
  if (!link) return unreachable;
  try {
    return await link.status(timeoutMs);
  } catch {
    return unreachable;
  } finally {
    await link.close().catch(() => undefined);
  }
}
