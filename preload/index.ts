import { contextBridge, ipcRenderer } from 'electron';
import type { KioskBridge } from '../common/contract';

/**
 * The whole bridge: `window.kiosk.call(method, input)`, nothing else. No ipcRenderer, no event
 * objects, no listeners reach the page, so a script in the page can only make the calls the
 * contract allows, and main/ipc.ts checks who is calling.
 *
 * This file is bundled alone into out/preload/index.cjs and runs in the sandbox, where `require`
 * knows only 'electron': import types only from elsewhere in the repo. The channel name is
 * main/ipc.ts's `kioskCallChannel` (test/integration/preload-bundle.test.ts keeps them equal).
 */
const bridge: KioskBridge = {
  call: (method: string, input: unknown) => ipcRenderer.invoke('kiosk:call', method, input),
  // The receipt's system-printer copy (main/shell/system-print.ts), where no thermal printer is set up.
  printReceipt: () => ipcRenderer.invoke('kiosk:print-receipt'),
};

contextBridge.exposeInMainWorld('kiosk', bridge);
