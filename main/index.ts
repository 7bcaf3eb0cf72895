import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, safeStorage, session } from 'electron';
import type { Backend } from './backend';
import { registerKioskIpc } from './ipc';
import { dataFolderRefusal } from './store/data-folder';
import { EX_CONFIG, refusalDialogText, refusalText, StartRefusal } from './startup/refusal';
import { loadDemo } from './startup/demo-parts';
import { safeStorageSealers } from './shell/safe-storage-sealer';
import { startKiosk } from './startup/start-kiosk';
import { installPaths } from './startup/install-paths';
import { packagedLaunchRefusal } from './startup/packaged';
import { appScheme, registerAppProtocol } from './shell/app-protocol';
import { buildLogger, buildLogRing } from './log';
import { installLastResort } from './last-resort';
import { openLogFile } from './log-file';
import { hardenElectron, keepWindowOpen } from './shell/harden';
import { appPaths, kioskWindowOptions } from './shell/window';
import { registerSystemPrint } from './shell/system-print';
import { startAutoUpdate } from './shell/updater';
import { runAdmin } from './admin';
// electron-updater is CommonJS with getter exports: take the default export from ESM.
import electronUpdater from 'electron-updater';

/**
 * The Electron shell: one full-screen window over the same backend `npm run start:web` serves.
 * Every decision lives in ./shell/window (pure, tested under Node); this file only wires it.
 * Under `npm start` (not packaged) the keyboard stays free and Alt+F4 works, so a developer is
 * never trapped; a packaged install is locked down.
 */
// An installed kiosk's files are the machine's (%ProgramData%\KioskDVC, /etc + /var/lib/kiosk-dvc);
// under `npm start`, the developer's own app data folder (startup/install-paths.ts).
const machine = installPaths({ isPackaged: app.isPackaged, platform: process.platform, env: process.env, userData: app.getPath('userData') });
// Logs go to stderr and to <logs>/kiosk.log (rotated): a kiosk started from a shortcut has no
// console, and IT troubleshoots from that file (README, Troubleshooting).
const logFile = openLogFile({
  dir: machine.logDir,
  onError: (e) => process.stderr.write(`log file unavailable: ${e instanceof Error ? e.message : String(e)}\n`),
});
// The last lines in memory too, for IT's "export logs" when the log file's disk refused them.
const ring = buildLogRing();
const logger = buildLogger({
  component: 'shell',
  level: process.env.KIOSK_LOG_LEVEL === 'debug' ? 'debug' : 'info',
  write: (line) => {
    process.stderr.write(`${line}\n`);
    logFile.write(line);
    ring.push(line);
  },
});
// A forgotten write on a full disk must not take the kiosk down (last-resort.ts).
const lastResort = installLastResort({ process, logger, exit: (code) => app.exit(code) });
const locked = app.isPackaged;

// Every renderer sandboxed, whatever a future window's options say (checklist item 4).
app.enableSandbox();
// The renderer's own origin, app://kiosk/ (shell/app-protocol.ts); registered before ready.
protocol.registerSchemesAsPrivileged([appScheme]);
// An installed kiosk takes no settings but its own file and opens to no debugger (startup/packaged.ts).
const launchRefused = packagedLaunchRefusal({ isPackaged: app.isPackaged, argv: process.argv, env: process.env });

let backend: Backend | null = null;
let kioskWindow: BrowserWindow | null = null;
let quitting = false;

// Shipped unpacked beside app.asar: a .node file cannot be loaded from inside the archive.
const sqliteNativeBinding = () => join(app.getAppPath().replace(/app\.asar$/, 'app.asar.unpacked'), 'native', 'electron', 'better_sqlite3.node');

const adminAt = process.argv.indexOf('--admin');
if (launchRefused) {
  logger.error('shell.start_refused', { code: launchRefused.code });
  process.stderr.write(`${refusalText(launchRefused)}\n`);
  app.exit(launchRefused.exitCode);
} else if (adminAt >= 0) {
  // IT's commands in the installed app, no window and no single-instance lock (the kiosk itself
  // may be running): `kiosk-dvc --admin enrol CODE` (main/admin). Keys sealed as the kiosk seals them.
  void app.whenReady().then(async () =>
    app.exit(
      await runAdmin(process.argv.slice(adminAt + 1), {
        stdin: process.stdin,
        stdout: process.stdout,
        stderr: process.stderr,
        env: process.env,
        defaultConfigDir: machine.configDir,
        defaultDataDir: machine.dataDir,
        logDir: machine.logDir,
        sqliteNativeBinding: sqliteNativeBinding(),
        keys: { sealerFor: safeStorageSealers(safeStorage, process.platform), defaultProtection: 'os' },
        packaged: app.isPackaged,
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
    backend = await startKiosk({
      argv: process.argv.slice(app.isPackaged ? 1 : 2),
      env: process.env,
      defaultDataDir: machine.dataDir,
      defaultConfigDir: machine.configDir,
      loadDemo: () => loadDemo(fileURLToPath(new URL('.', import.meta.url))),
      resourcesDir: paths.resourcesDir,
      sqliteNativeBinding: sqliteNativeBinding(),
      shell: 'electron',
      logs: { dir: machine.logDir, recent: ring.lines },
      // The data key and the device key are sealed by the OS for the kiosk's account (DPAPI /
      // Secret Service); safeStorage works once the app is ready.
      keys: { sealerFor: safeStorageSealers(safeStorage, process.platform), defaultProtection: 'os' },
      logger,
    });
  } catch (e) {
    const refused = dataFolderRefusal(e);
    if (refused) {
      logger.error('shell.data_folder_refused', { code: refused.code });
      dialog.showErrorBox(refused.title, refusalDialogText(refused.message));
      app.exit(refused.code);
      return;
    }
    if (e instanceof StartRefusal) {
      logger.error('shell.start_refused', { code: e.code });
      process.stderr.write(`${refusalText(e)}\n`);
      dialog.showErrorBox('Kiosk không khởi động / Kiosk refused to start', refusalDialogText(e.message));
      app.exit(EX_CONFIG);
      return;
    }
    throw e;
  }

  const running = backend;
  lastResort.onStorageFault((e, where) => running.storage.fault(e, where));
  // The page is served from app://kiosk/ out of the built renderer only, before any window asks for it.
  registerAppProtocol({ protocol, rendererDir: paths.rendererDir, readFile: (p) => readFile(p), logger });
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
  await win.loadURL(paths.appUrl);
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
