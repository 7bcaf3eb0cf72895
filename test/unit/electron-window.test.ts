import { describe, expect, it } from 'vitest';
import {
  appPaths,
  contentSecurityPolicy,
  isAllowedNavigation,
  isBlockedShortcut,
  isTrustedSender,
  kioskWindowOptions,
  permissionDecision,
} from '../../main/shell/window';

// An install folder with spaces and Vietnamese letters, as the Windows installer creates it.
const paths = appPaths('/opt/Kiosk Dịch vụ công/resources/app.asar');
const appUrl = paths.appUrl;

describe('app paths', () => {
  it('finds the shipped resources beside app.asar when packaged, and in ./resources under npm start', () => {
    expect(paths.resourcesDir).toBe('/opt/Kiosk Dịch vụ công/resources');
    expect(appPaths('/home/dev/kiosk').resourcesDir).toBe('/home/dev/kiosk/resources');
  });

  it('shows the renderer from its own app://kiosk/ origin, never from file://', () => {
    expect(appUrl).toBe('app://kiosk/index.html');
    expect(paths.rendererDir).toBe('/opt/Kiosk Dịch vụ công/resources/app.asar/out/renderer');
  });
});

describe('kiosk window options', () => {
  const options = kioskWindowOptions({ preload: paths.preload, devTools: false });
  const web = options.webPreferences!;

  it('is a full-screen kiosk window', () => {
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true });
  });

  it('isolates and sandboxes the renderer with no Node.js anywhere', () => {
    expect(web).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
    expect(web).not.toHaveProperty('enableBlinkFeatures');
  });

  it('loads the single CommonJS preload by absolute path', () => {
    expect(web.preload).toMatch(/[\\/]out[\\/]preload[\\/]index\.cjs$/);
    expect(web.preload!.startsWith('/opt/Kiosk Dịch vụ công/')).toBe(true);
  });

  it('allows DevTools only when asked', () => {
    expect(web.devTools).toBe(false);
    expect(kioskWindowOptions({ preload: paths.preload, devTools: true }).webPreferences!.devTools).toBe(true);
  });
});

describe('content security policy', () => {
  const directives = new Map(
    contentSecurityPolicy.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values] as const;
    }),
  );

  it('allows no inline script, no eval and nothing from the network', () => {
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|\*|https?:/);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
  });
});

describe('navigation', () => {
  it('allows the app page itself, including a client-side route in the hash', () => {
    expect(isAllowedNavigation(appUrl, appUrl)).toBe(true);
    expect(isAllowedNavigation(`${appUrl}#/nop-ho-so`, appUrl)).toBe(true);
  });

  it('denies the same renderer file opened over file:// (the app is app://kiosk/ only)', () => {
    const raw = 'file:///opt/Kiosk Dịch vụ công/resources/app.asar/out/renderer/index.html';
    expect(isAllowedNavigation(raw, appUrl)).toBe(false);
  });

  it.each([
    'https://example.com/',
    'http://example.com/index.html',
    'http://127.0.0.1:8420/',
    'file:///etc/passwd',
    'file:///opt/Kiosk%20Dịch%20vụ%20công/resources/app.asar/out/renderer/other.html',
    'file://evil-host/opt/Kiosk%20D%E1%BB%8Bch%20v%E1%BB%A5%20c%C3%B4ng/resources/app.asar/out/renderer/index.html',
    `${appUrl}?next=https://example.com`,
    'app://kiosk/other.html',
    'app://evil/index.html',
    'app://user:pw@kiosk/index.html',
    'app://kiosk/assets/../index.html?x',
    'https://kiosk/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'not a url',
    '',
  ])('denies %s', (url) => {
    expect(isAllowedNavigation(url, appUrl)).toBe(false);
  });

});

describe('permissions', () => {
  it('allows the camera for the app page', () => {
    expect(permissionDecision('media', appUrl, appUrl, ['video'])).toBe(true);
    expect(permissionDecision('media', `${appUrl}#/quet-cccd`, appUrl)).toBe(true);
  });

  it('denies the microphone even to the app page', () => {
    expect(permissionDecision('media', appUrl, appUrl, ['audio'])).toBe(false);
    expect(permissionDecision('media', appUrl, appUrl, ['video', 'audio'])).toBe(false);
  });

  it('denies the camera to any other page', () => {
    expect(permissionDecision('media', 'https://example.com/', appUrl, ['video'])).toBe(false);
    expect(permissionDecision('media', 'file:///tmp/evil.html', appUrl, ['video'])).toBe(false);
    expect(permissionDecision('media', undefined, appUrl, ['video'])).toBe(false);
  });

  it.each([
    'geolocation',
    'notifications',
    'clipboard-read',
    'display-capture',
    'fullscreen',
    'openExternal',
    'midi',
    'hid',
    'serial',
    'usb',
    'mediaKeySystem',
    'pointerLock',
    'fileSystem',
    'unknown',
  ])('denies %s even to the app page', (permission) => {
    expect(permissionDecision(permission, appUrl, appUrl)).toBe(false);
  });
});

describe('IPC sender', () => {
  it('trusts the app page only', () => {
    expect(isTrustedSender(appUrl, appUrl)).toBe(true);
    expect(isTrustedSender(`${appUrl}#/dang-nhap`, appUrl)).toBe(true);
    expect(isTrustedSender(undefined, appUrl)).toBe(false);
    expect(isTrustedSender('https://example.com/', appUrl)).toBe(false);
    expect(isTrustedSender('about:blank', appUrl)).toBe(false);
    expect(isTrustedSender('file:///tmp/index.html', appUrl)).toBe(false);
    expect(isTrustedSender('app://kiosk/other.html', appUrl)).toBe(false);
  });
});

describe('keyboard lock', () => {
  const key = (k: string, mods: Partial<Record<'control' | 'meta' | 'shift' | 'alt', boolean>> = {}) => ({
    type: 'keyDown',
    key: k,
    control: false,
    meta: false,
    shift: false,
    alt: false,
    ...mods,
  });

  it.each([
    ['Ctrl+R', key('r', { control: true })],
    ['F5', key('F5')],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true })],
    ['F12', key('F12')],
    ['F11', key('F11')],
    ['Ctrl+W', key('w', { control: true })],
    ['Alt+F4', key('F4', { alt: true })],
  ])('blocks %s', (_name, input) => {
    expect(isBlockedShortcut(input)).toBe(true);
  });

  it('lets ordinary typing through, including Vietnamese letters and the clerk keyboard', () => {
    for (const k of ['a', 'R', 'đ', 'ư', 'Enter', 'Backspace', 'Tab', '0']) {
      expect(isBlockedShortcut(key(k))).toBe(false);
    }
    expect(isBlockedShortcut(key('a', { control: true }))).toBe(false); // select all in a field
    expect(isBlockedShortcut({ ...key('r', { control: true }), type: 'keyUp' })).toBe(false);
  });
});
