import type { DemoParts, StartDemo } from '../main/startup/demo-parts';
import { startSimulator } from '../simulator/server';
import { startPrinterEmulator } from '../tools/printer-emulator/emulator';
import { demoDeviceKey } from './demo-device';
import { buildDemoPhone } from './demo-phone';
import { demoPrinter } from './printer';
import { sampleDocuments } from './sample-documents';

/**
 * The demo's composition root (built as `demo.js`; main/startup/demo-parts.ts loads it when DEMO
 * mode is asked for). It starts what a demo kiosk needs and a real one never has: the provincial
 * API simulator on loopback (unless the config names an API — then that one, e.g. a simulator
 * started on its own by a test), the printer emulator (unless a printer is configured), the
 * simulator's demo device credential, the demo phone and the sample documents.
 */
export const startDemo: StartDemo = async ({ config, resourcesDir, logger }) => {
  const simulator = config.api ? null : await startSimulator({ port: 0 });
  const apiBaseUrl = config.api?.baseUrl ?? simulator!.url;
  const emulator = config.printer.type === 'none' ? await startPrinterEmulator({ wpc1258Slot: 52 }) : null;
  if (emulator) logger.info('printing.demo_emulator', { port: emulator.port });

  const parts: DemoParts = {
    apiBaseUrl,
    describe: simulator ? `built-in provincial API simulator at ${simulator.url}` : `provincial API simulator at ${apiBaseUrl}`,
    device: demoDeviceKey,
    printer: emulator && demoPrinter(emulator),
    phone: buildDemoPhone(apiBaseUrl),
    sampleFolders: config.attachments.folders ? null : await sampleDocuments(config.dataDir, resourcesDir),
    async close() {
      await emulator?.close();
      await simulator?.close();
    },
  };
  return parts;
};
