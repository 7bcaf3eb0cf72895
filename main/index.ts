import { join } from 'node:path';
import { BrowserWindow, Menu, app, dialog, ipcMain, safeStorage, session } from 'electron';
import { runAdmin } from './admin';
import { ConfigError, startBackend, type Backend } from './backend';
import { safeStorageSealers } from './shell/safe-storage-sealer';
import { registerKioskIpc } from './ipc';
import { dataFolderRefusal } from './store/data-folder';
import { createLogger } from './log';
import { installLastResort } from './last-resort';
import { openLogFile } from './log-file';
import { hardenElectron, keepWindowOpen } from './shell/harden';
import { appPaths, kioskWindowOptions } from './shell/window';
import { registerSystemPrint } from './shell/system-print';
import { startAutoUpdate } from './shell/updater';
// electron-updater is CommonJS with getter exports: take the default export from ESM.
import electronUpdater from 'electron-updater';

/**
 * The Electron shell: one full-screen window over the same backend `npm run start:web` serves.
 * Every decision lives in ./shell/window (pure, tested under Node); this file only wires it.
 * Under `npm start` (not packaged) the keyboard stays free and Alt+F4 works, so a developer is
 * never trapped; a packaged install is locked down.
 */
// Logs go to stderr and to <userData>/logs/kiosk.log (rotated): a kiosk started from a shortcut
// has no console, and IT troubleshoots from that file (README, Troubleshooting).
const logFile = openLogFile({
  dir: join(app.getPath('userData'), 'logs'),
  onError: (e) => process.stderr.write(`log file unavailable: ${e instanceof Error ? e.message : String(e)}\n`),
});
const logger = createLogger({
  component: 'shell',
  level: process.env.KIOSK_LOG_LEVEL === 'debug' ? 'debug' : 'info',
  write: (line) => {
    process.stderr.write(`${line}\n`);
    logFile.write(line);
  },
});
// A forgotten write on a full disk must not take the kiosk down (last-resort.ts).
const lastResort = installLastResort({ process, logger, exit: (code) => app.exit(code) });
const locked = app.isPackaged;
const EX_CONFIG = 78; // sysexits.h: configuration error, the same code `npm run start:web` uses

// Every renderer sandboxed, whatever a future window's options say (checklist item 4).
app.enableSandbox();

let backend: Backend | null = null;
let kioskWindow: BrowserWindow | null = null;
let quitting = false;

// Shipped unpacked beside app.asar: a .node file cannot be loaded from inside the archive.
const sqliteNativeBinding = () => join(app.getAppPath().replace(/app\.asar$/, 'app.asar.unpacked'), 'native', 'electron', 'better_sqlite3.node');

const adminAt = process.argv.indexOf('--admin');
if (adminAt >= 0) {
  // IT's commands in the installed app, no window: `kiosk-dvc --admin staff-add …` (main/admin).
  void app.whenReady().then(async () =>
    app.exit(
      await runAdmin(process.argv.slice(adminAt + 1), {
        stdin: process.stdin,
        stdout: process.stdout,
        stderr: process.stderr,
        env: process.env,
        defaultConfigDir: app.getPath('userData'),
        defaultDataDir: app.getPath('userData'),
        sqliteNativeBinding: sqliteNativeBinding(),
        keys: { sealerFor: safeStorageSealers(safeStorage, process.platform), defaultProtection: 'os' },
      }),
    ),
  );
} else if (!app.requestSingleInstanceLock()) {
  // A second kiosk would open the same SQLite outbox and fight over the screen.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!kioskWindow) return;
    if (kioskWindow.isMinimized()) kioskWindow.restore();
    kioskWindow.focus();
  });
  app.whenReady()
    .then(start)
    .catch((e: unknown) => fail(e));
}

async function start(): Promise<void> {
  const paths = appPaths(app.getAppPath());
  hardenElectron({ app, session: session.defaultSession, appUrl: paths.appUrl, lockKeyboard: locked, logger });
  // The default menu carries reload, devtools, full-screen and close accelerators.
  if (locked) Menu.setApplicationMenu(null);

  try {
    backend = await startBackend({
      argv: process.argv.slice(app.isPackaged ? 1 : 2),
      env: process.env,
      defaultDataDir: app.getPath('userData'),
      resourcesDir: paths.resourcesDir,
      sqliteNativeBinding: sqliteNativeBinding(),
      shell: 'electron',
      // The data key is sealed by the OS for the kiosk's account (DPAPI / Secret Service).
      keys: { sealerFor: safeStorageSealers(safeStorage, process.platform), defaultProtection: 'os' },
      logger,
    });
  } catch (e) {
    const refused = dataFolderRefusal(e);
    if (refused) {
      logger.error('shell.data_folder_refused', { code: refused.code });
      dialog.showErrorBox(refused.title, `${refused.message}\n\nHãy báo bộ phận CNTT. / Please contact IT.`);
      app.exit(refused.code);
      return;
    }
    if (e instanceof ConfigError) {
      logger.error('shell.config_invalid', { file: e.file, field: e.field });
      dialog.showErrorBox(
        'Cấu hình không hợp lệ / Invalid configuration',
        `Tệp / File: ${e.file}\nTrường / Field: ${e.field}\n${e.problem}\n\n` +
          'Hãy báo bộ phận CNTT. / Please contact IT.',
      );
      app.exit(EX_CONFIG);
      return;
    }
    throw e;
  }

  const running = backend;
  lastResort.onStorageFault((e, where) => running.storage.fault(e, where));
  registerKioskIpc({ ipcMain, backend, appUrl: paths.appUrl, logger });
  registerSystemPrint({ ipcMain, appUrl: paths.appUrl, logger });

  const win = new BrowserWindow(kioskWindowOptions({ preload: paths.preload, devTools: devToolsAllowed() }));
  kioskWindow = win;
  if (locked) keepWindowOpen(win, () => quitting, logger);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => (kioskWindow = null));
  win.webContents.on('did-fail-load', (_e, code) => logger.error('shell.load_failed', { code }));
  let lastCrash = 0;
  win.webContents.on('render-process-gone', (_e, details) => {
    logger.error('shell.renderer_gone', { reason: details.reason });
    // A blank kiosk helps nobody: reload once, but not in a loop if the page crashes at start.
    if (details.reason !== 'clean-exit' && Date.now() - lastCrash > 30_000) win.webContents.reload();
    lastCrash = Date.now();
  });
  await win.loadFile(paths.rendererIndex);
  logger.info('shell.ready', { demo: backend.demo !== null, locked });
  // Only an installed kiosk updates itself (an unpacked `npm start` has no app-update.yml).
  if (backend.update && app.isPackaged) startAutoUpdate({ updater: electronUpdater.autoUpdater, coordinator: backend.update, logger });
}

function devToolsAllowed(): boolean {
  // Never in an installed kiosk: DevTools can call anything the page can, and more.
  return !app.isPackaged && process.env.KIOSK_DEVTOOLS === '1';
}

app.on('window-all-closed', () => app.quit());

// Close the backend (SQLite, the demo simulator) before Electron exits: before-quit cannot await,
// so hold the quit, close, then quit again.
let closing: Promise<void> | null = null;
app.on('before-quit', (event) => {
  quitting = true;
  if (!backend) return;
  event.preventDefault(); // also for a second quit request while the first is still closing
  closing ??= backend
    .close()
    .catch((e: unknown) => logger.error('shell.backend_close_failed', { error: e instanceof Error ? e.name : typeof e }))
    .finally(() => {
      backend = null;
      app.quit();
    });
});
// IT stops a kiosk service with SIGTERM (Ctrl+C under `npm start`): the same orderly path as a quit.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

function fail(e: unknown): void {
  logger.error('shell.start_failed', { error: e instanceof Error ? e.name : typeof e });
  dialog.showErrorBox('Kiosk không khởi động được / Kiosk failed to start', e instanceof Error ? e.message : String(e));
  app.exit(1);
}
