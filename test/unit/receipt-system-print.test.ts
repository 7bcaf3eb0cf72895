import { describe, expect, it } from 'vitest';
import { buildLogger } from '../../main/log';
import { appPaths } from '../../main/shell/window';
import { printReceiptChannel, receiptPrintOptions, registerSystemPrint } from '../../main/shell/system-print';

type Handler = (event: unknown) => Promise<unknown>;

describe('system printer fallback (Electron webContents.print)', () => {
  it('prints silently, without background, on an 80 mm page with no margins', () => {
    expect(receiptPrintOptions()).toEqual({
      silent: true,
      printBackground: false,
      color: false,
      copies: 1,
      margins: { marginType: 'none' },
      pageSize: { width: 80_000, height: 297_000 },
    });
    expect(receiptPrintOptions({ deviceName: 'Counter' }).deviceName).toBe('Counter');
  });

  it('prints the calling page only when it is our own top frame', async () => {
    const handlers = new Map<string, Handler>();
    const ipcMain = { handle: (c: string, h: Handler) => void handlers.set(c, h), removeHandler: (c: string) => void handlers.delete(c) };
    const appUrl = appPaths('/opt/kiosk/resources/app.asar').appUrl;
    const printed: unknown[] = [];
    const sender = { print: (options: unknown, done: (ok: boolean, reason: string) => void) => (printed.push(options), done(true, '')) };
    const stop = registerSystemPrint({ ipcMain: ipcMain as never, appUrl, logger: buildLogger({ level: 'error', write: () => undefined }) });
    const handler = handlers.get(printReceiptChannel)!;

    expect(await handler({ senderFrame: { url: 'https://example.com/', parent: null }, sender })).toBe(false);
    expect(await handler({ senderFrame: { url: appUrl, parent: {} }, sender })).toBe(false);
    expect(printed).toEqual([]);
    expect(await handler({ senderFrame: { url: appUrl, parent: null }, sender })).toBe(true);
    expect(printed).toEqual([receiptPrintOptions()]);
    stop();
    expect(handlers.size).toBe(0);
  });
});
