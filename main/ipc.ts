import type { IpcMain } from 'electron';
import { err } from '../common/result';
import { kioskError } from '../common/errors';
import type { Backend } from './backend';
import type { Logger } from './log';
import { isTrustedSender } from './shell/window';

/**
 * The Electron transport: one channel, no logic. The backend's dispatcher (api/dispatch.ts)
 * checks the method, its guard and its input against the contract (common/contract/); this only
 * makes sure the call comes from our own page's top frame (Electron's security checklist, "validate
 * the sender of all IPC messages": an injected iframe or a navigated-away page must not reach the
 * backend).
 * preload/index.ts spells the same channel name (it may not import from main/).
 */
export const kioskCallChannel = 'kiosk:call';

export type KioskIpcMain = Pick<IpcMain, 'handle' | 'removeHandler'>;

export function registerKioskIpc(deps: {
  ipcMain: KioskIpcMain;
  backend: Pick<Backend, 'dispatch'>;
  appUrl: string;
  logger: Logger;
}): () => void {
  const { ipcMain, backend, appUrl, logger } = deps;
  ipcMain.handle(kioskCallChannel, async (event, method: unknown, input: unknown) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isTrustedSender(frame.url, appUrl)) {
      // Never the payload or the URL: either may carry a citizen's data.
      logger.warn('ipc.untrusted_sender', { subframe: frame ? frame.parent !== null : null });
      return err(kioskError('internal'));
    }
    try {
      return await backend.dispatch(method, input);
    } catch (e) {
      // dispatch() is meant never to throw; if it does, the renderer gets a code, not the text.
      logger.error('ipc.dispatch_threw', { error: e instanceof Error ? e.name : typeof e });
      return err(kioskError('internal'));
    }
  });
  return () => ipcMain.removeHandler(kioskCallChannel);
}
