import { spawnSync } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse as parseYaml } from 'yaml';
import { kioskCallChannel, registerKioskIpc, type KioskIpcMain } from '../../main/ipc';
import { buildLogger } from '../../main/log';
import {
  hardenElectron,
  keepWindowOpen,
  type HardenedApp,
  type HardenedContents,
  type HardenedSession,
} from '../../main/shell/harden';
import { appPaths, contentSecurityPolicy } from '../../main/shell/window';
import { refusalDialogText } from '../../main/startup/refusal';
import { DataKeyRefusal } from '../../main/keys/data-key';
import { dataFolderRefusal } from '../../main/store/data-folder';

/**
 * Electron cannot start here, so the glue is exercised with fakes that record what harden.ts and
 * ipc.ts register; the tests then fire those handlers the way Electron would.
 */
type Listener = (...args: any[]) => any;
const appUrl = appPaths('/opt/kiosk/resources/app.asar').appUrl;
const evilUrl = 'https://example.com/phish';

function recordingLogger() {
  const lines: string[] = [];
  return { lines, logger: buildLogger({ level: 'debug', write: (l) => lines.push(l) }) };
}

function event(fields: Record<string, unknown> = {}) {
  return { preventDefault: vi.fn(), ...fields };
}

function fakeElectron(lockKeyboard: boolean) {
  const appListeners = new Map<string, Listener>();
  const contentsListeners = new Map<string, Listener>();
  const session = {
    request: undefined as Listener | undefined,
    check: undefined as Listener | undefined,
    headers: undefined as Listener | undefined,
  };
  const app = { on: (name: string, l: Listener) => appListeners.set(name, l) };
  const fakeSession = {
    setPermissionRequestHandler: (h: Listener) => (session.request = h),
    setPermissionCheckHandler: (h: Listener) => (session.check = h),
    webRequest: { onHeadersReceived: (h: Listener) => (session.headers = h) },
  };
  let windowOpen: Listener | undefined;
  const contents = {
    setWindowOpenHandler: (h: Listener) => (windowOpen = h),
    on: (name: string, l: Listener) => contentsListeners.set(name, l),
  };
  const { lines, logger } = recordingLogger();
  hardenElectron({
    app: app as unknown as HardenedApp,
    session: fakeSession as unknown as HardenedSession,
    appUrl,
    lockKeyboard,
    logger,
  });
  // Electron fires this for every webContents it creates, the kiosk window's included.
  appListeners.get('web-contents-created')!(event(), contents as unknown as HardenedContents);
  return { session, contentsListeners, windowOpen: () => windowOpen, lines };
}

describe('hardenElectron', () => {
  it('denies every new window, whatever the URL', () => {
    const { windowOpen, lines } = fakeElectron(true);
    expect(windowOpen()).toBeTypeOf('function');
    expect(windowOpen()!({ url: evilUrl })).toEqual({ action: 'deny' });
    expect(windowOpen()!({ url: appUrl })).toEqual({ action: 'deny' });
    expect(lines.join('\n')).not.toContain('example.com');
  });

  it.each(['will-navigate', 'will-redirect'])('%s to another page is prevented, to the app page allowed', (name) => {
    const { contentsListeners } = fakeElectron(true);
    const away = event({ url: evilUrl });
    contentsListeners.get(name)!(away);
    expect(away.preventDefault).toHaveBeenCalled();
    const home = event({ url: `${appUrl}#/` });
    contentsListeners.get(name)!(home);
    expect(home.preventDefault).not.toHaveBeenCalled();
  });

  it('prevents an iframe from navigating anywhere but the app page', () => {
    const { contentsListeners } = fakeElectron(true);
    const frame = event({ url: 'file:///etc/passwd', isMainFrame: false });
    contentsListeners.get('will-frame-navigate')!(frame);
    expect(frame.preventDefault).toHaveBeenCalled();
  });

  it('refuses every <webview>', () => {
    const { contentsListeners } = fakeElectron(true);
    const attach = event();
    contentsListeners.get('will-attach-webview')!(attach, {}, { src: appUrl });
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('swallows reload and devtools shortcuts in a locked kiosk, and leaves the keyboard alone otherwise', () => {
    const locked = fakeElectron(true).contentsListeners.get('before-input-event')!;
    const reload = event();
    locked(reload, { type: 'keyDown', key: 'r', control: true, meta: false, shift: false, alt: false });
    expect(reload.preventDefault).toHaveBeenCalled();
    const letter = event();
    locked(letter, { type: 'keyDown', key: 'ư', control: false, meta: false, shift: false, alt: false });
    expect(letter.preventDefault).not.toHaveBeenCalled();

    expect(fakeElectron(false).contentsListeners.has('before-input-event')).toBe(false);
  });

  it('grants the camera to the app page and denies the rest, on request and on check', () => {
    const { session } = fakeElectron(true);
    const ask = (permission: string, details: object) => {
      const callback = vi.fn();
      session.request!({}, permission, callback, details);
      return callback.mock.calls[0]?.[0];
    };
    expect(ask('media', { requestingUrl: appUrl, isMainFrame: true, mediaTypes: ['video'] })).toBe(true);
    expect(ask('media', { requestingUrl: appUrl, isMainFrame: true, mediaTypes: ['audio'] })).toBe(false);
    expect(ask('media', { requestingUrl: evilUrl, isMainFrame: true, mediaTypes: ['video'] })).toBe(false);
    expect(ask('geolocation', { requestingUrl: appUrl, isMainFrame: true })).toBe(false);
    expect(ask('notifications', { requestingUrl: appUrl, isMainFrame: true })).toBe(false);

    const contents = { getURL: () => appUrl };
    expect(session.check!(contents, 'media', 'file:///', { isMainFrame: true, mediaType: 'video' })).toBe(true);
    expect(session.check!(contents, 'media', 'file:///', { isMainFrame: true, mediaType: 'audio' })).toBe(false);
    expect(session.check!(contents, 'clipboard-read', 'file:///', { isMainFrame: true, requestingUrl: appUrl })).toBe(false);
    expect(session.check!(null, 'media', 'https://example.com', { isMainFrame: false, requestingUrl: evilUrl })).toBe(false);
  });

  it('adds the Content-Security-Policy header to every response', () => {
    const { session } = fakeElectron(true);
    const callback = vi.fn();
    session.headers!({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy] },
    });
  });
});

describe('keepWindowOpen', () => {
  it('keeps the kiosk window open (Alt+F4, window manager) unless the app is quitting', () => {
    let onClose: Listener | undefined;
    let quitting = false;
    keepWindowOpen({ on: (_name, l) => (onClose = l) }, () => quitting, recordingLogger().logger);
    const close = event();
    onClose!(close);
    expect(close.preventDefault).toHaveBeenCalled();
    quitting = true;
    const quit = event();
    onClose!(quit);
    expect(quit.preventDefault).not.toHaveBeenCalled();
  });
});

describe('kiosk:call IPC', () => {
  function setup(dispatch: (method: unknown, input: unknown) => Promise<unknown>) {
    let handler: Listener | undefined;
    let channel: string | undefined;
    const ipcMain = {
      handle: (c: string, h: Listener) => ((channel = c), (handler = h)),
      removeHandler: vi.fn(),
    };
    const { lines, logger } = recordingLogger();
    const backend = { dispatch: vi.fn(dispatch) };
    const unregister = registerKioskIpc({ ipcMain: ipcMain as unknown as KioskIpcMain, backend, appUrl, logger });
    const call = (senderFrame: unknown, method: unknown, input: unknown) => handler!({ senderFrame }, method, input);
    return { channel, call, backend, lines, unregister, ipcMain };
  }
  const topFrame = (url: string) => ({ url, parent: null });
  const payload = { loginName: '079203001234', password: 'Bí-mật-123' };

  it('passes calls from the app page straight to the backend', async () => {
    const { channel, call, backend } = setup(async () => ({ ok: true, value: { echoed: true } }));
    expect(channel).toBe(kioskCallChannel);
    await expect(call(topFrame(`${appUrl}#/dang-nhap`), 'auth.startLogin', payload)).resolves.toEqual({
      ok: true,
      value: { echoed: true },
    });
    expect(backend.dispatch).toHaveBeenCalledWith('auth.startLogin', payload);
  });

  it.each([
    ['another page', topFrame(evilUrl)],
    ['another local file', topFrame('file:///tmp/index.html')],
    ['an iframe showing the app page', { url: appUrl, parent: topFrame(appUrl) }],
    ['a frame that is gone', null],
  ])('answers internal to %s without calling the backend or logging the payload', async (_name, frame) => {
    const { call, backend, lines } = setup(async () => ({ ok: true, value: {} }));
    await expect(call(frame, 'auth.startLogin', payload)).resolves.toEqual({ ok: false, error: { code: 'internal' } });
    expect(backend.dispatch).not.toHaveBeenCalled();
    expect(lines.some((l) => l.includes('ipc.untrusted_sender'))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/079203001234|Bí-mật|example\.com/);
  });

  it('turns a backend exception into an internal error without its text', async () => {
    const { call, lines } = setup(async () => {
      throw new Error('SQLITE_CORRUPT at /secret/path');
    });
    await expect(call(topFrame(appUrl), 'kiosk.info', {})).resolves.toEqual({ ok: false, error: { code: 'internal' } });
    expect(lines.join('\n')).not.toContain('/secret/path');
  });

  it('can be unregistered', () => {
    const { unregister, ipcMain } = setup(async () => null);
    unregister();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith(kioskCallChannel);
  });
});

describe('Electron entry point (read as source: it needs a running Electron)', () => {
  const source = readFileSync('main/index.ts', 'utf8');

  it.each([
    ['takes the single-instance lock', /app\.requestSingleInstanceLock\(\)/],
    ['sandboxes every renderer', /app\.enableSandbox\(\)/],
    ['hardens before any window exists', /hardenElectron\(/],
    ['registers the IPC channel', /registerKioskIpc\(/],
    ['builds the window from the tested options', /new BrowserWindow\(kioskWindowOptions\(/],
    ['serves the renderer from app://kiosk/ before the window loads it', /registerAppProtocol\([\s\S]*loadURL\(paths\.appUrl\)/],
    ['registers the app:// scheme before the app is ready', /registerSchemesAsPrivileged\(\[appScheme\]\)[\s\S]*app\.whenReady\(\)/],
    ['refuses a packaged launch with debug switches or setting overrides before anything else', /packagedLaunchRefusal\([\s\S]*app\.exit\(launchRefused\.exitCode\)[\s\S]*requestSingleInstanceLock/],
    ['closes the backend before quitting', /'before-quit'[\s\S]*\.close\(\)/],
    ['refuses a data folder another process holds (or a damaged one) with its exit code', /dataFolderRefusal\(e\)[\s\S]*app\.exit\(refused\.code\)/],
    ['installs the last-resort handler', /installLastResort\(/],
    ['runs the IT tools with --admin, before (and instead of) the single-instance lock and any window', /indexOf\('--admin'\)[\s\S]*runAdmin\([\s\S]*else if \(!app\.requestSingleInstanceLock\(\)\)/],
  ])('%s', (_name, pattern) => {
    expect(source).toMatch(pattern);
  });

  it('hardens the session before creating the window', () => {
    expect(source.indexOf('hardenElectron(')).toBeLessThan(source.indexOf('new BrowserWindow('));
  });

  it('never opens external URLs or loads any page but its own', () => {
    expect(source).not.toMatch(/openExternal|loadFile\(/);
    expect([...source.matchAll(/loadURL\(([^)]*)\)/g)].map((m) => m[1])).toEqual(['paths.appUrl']);
  });
});

describe('refusal dialog', () => {
  it('tells the clerk to call IT exactly once, whether or not the refusal text already says so', () => {
    const calls = (text: string) => text.match(/CNTT/g)?.length ?? 0;
    expect(calls(refusalDialogText('Chưa có tệp cấu hình.'))).toBe(1);
    const locked = dataFolderRefusal(new DataKeyRefusal('data_key_missing', 'The data key file is missing.'));
    expect(locked).not.toBeNull();
    expect(calls(refusalDialogText(locked?.message ?? ''))).toBe(1);
  });
});

describe('electron-builder.yml', () => {
  // electron-builder's own schema check: `npm run dist` cannot run here (it downloads Electron),
  // so a typo in the packaging config would otherwise surface only on IT's build machine.
  const config = parseYaml(readFileSync('electron-builder.yml', 'utf8')) as Record<string, any>;
  // Its validator lives in electron-builder's own dependencies (app-builder-lib, builder-util, at
  // the versions it pins), so resolve them from electron-builder rather than from the project.
  const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));

  it('is valid for the installed electron-builder', async () => {
    const { validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = fromBuilder('builder-util');
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('makes the machine-wide folder on install with an ACL that ordinary users cannot read (Windows, Linux)', () => {
    expect(config.nsis.include).toBe('build/installer.nsh');
    const nsh = readFileSync(config.nsis.include, 'utf8');
    expect(nsh).toMatch(/!macro customInstall[\s\S]*CreateDirectory "\$COMMONAPPDATA\\KioskDVC"[\s\S]*!macroend/);
    // Not inherited from ProgramData (readable by all); SYSTEM and Administrators by SID, the kiosk group may modify.
    expect(nsh).toMatch(/icacls "\$COMMONAPPDATA\\KioskDVC" \/inheritance:r \/grant:r "\*S-1-5-18:\(OI\)\(CI\)F" "\*S-1-5-32-544:\(OI\)\(CI\)F" "KioskDVC:\(OI\)\(CI\)M"/);
    expect(nsh).not.toMatch(/Users|Everyone|S-1-1-0|S-1-5-32-545/);
    const after = readFileSync(config.deb.afterInstall, 'utf8');
    // electron-builder's own steps stay (the sandbox helper, the /usr/bin link).
    expect(after).toContain("chrome-sandbox");
    expect(after).toMatch(/install -d -m 0750 -o root -g kiosk-dvc \/etc\/kiosk-dvc/);
    expect(after).toMatch(/install -d -m 0770 -o root -g kiosk-dvc "\/var\/lib\/kiosk-dvc\/\$sub"/);
    expect(spawnSync('bash', ['-n', config.deb.afterInstall]).status).toBe(0);
  });

  it('packages the built app with its own Electron build of better-sqlite3, outside the asar, leaving node_modules alone', () => {
    expect(config.appId).toBe('vn.gov.daklak.kiosk-dvc');
    // Which built files ship is checked against the real build in test/integration/installer-files.test.ts.
    expect(config.files).toEqual(expect.arrayContaining(['out/main/index.js', 'package.json', 'native/electron/**']));
    expect(config.npmRebuild).toBe(false);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      // The asar's hash is embedded in the binary and checked: a changed app.asar does not start.
      enableEmbeddedAsarIntegrityValidation: true,
      // The renderer is app://kiosk/, so file:// pages need none of Chromium's extra file powers.
      grantFileProtocolExtraPrivileges: false,
    });
    // One click, per machine, into Program Files with no folder to choose: the same path on every kiosk.
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: true, allowToChangeInstallationDirectory: false });
  });
});
