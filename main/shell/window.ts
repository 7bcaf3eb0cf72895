import { basename, dirname, join } from 'node:path';
import type { BrowserWindowConstructorOptions, Input } from 'electron';
import { APP_URL } from './app-protocol';
import { rendererCsp } from './csp';

/**
 * The kiosk window and every security decision the shell makes, as plain data and pure functions.
 * Nothing here touches Electron at runtime (only its types), so plain Node tests cover all of it;
 * main/shell/harden.ts and main/ipc.ts only plug these answers into Electron's hooks.
 */

/** One policy for both shells; the renderer also carries it as a meta tag (a test keeps them equal). */
export const contentSecurityPolicy = rendererCsp;

export interface AppPaths {
  preload: string;
  /** The built renderer, served as `app://kiosk/` (app-protocol.ts). */
  rendererDir: string;
  /** The only page the window may show, and the only frame allowed to call the backend. */
  appUrl: string;
  /** Files shipped beside the app (electron-builder `extraResources`): the demo's sample documents. */
  resourcesDir: string;
}

/** `appRoot` is `app.getAppPath()`: the project folder under `npm start`, app.asar when packaged. */
export function appPaths(appRoot: string): AppPaths {
  return {
    // A sandboxed preload can be neither an ES module nor require() our other files (Electron's
    // ESM and sandbox docs): it is bundled into one CommonJS file, .cjs since the package is ESM.
    preload: join(appRoot, 'out', 'preload', 'index.cjs'),
    rendererDir: join(appRoot, 'out', 'renderer'),
    appUrl: APP_URL,
    // Packaged, app.asar sits in the resources folder itself; under `npm start`, ./resources.
    resourcesDir: basename(appRoot) === 'app.asar' ? dirname(appRoot) : join(appRoot, 'resources'),
  };
}

export function kioskWindowOptions(opts: { preload: string; devTools: boolean }): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    // Shown on 'ready-to-show' so a citizen never sees a white flash or a half-drawn page.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: opts.preload,
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
      spellcheck: false,
      devTools: opts.devTools,
    },
  };
}

/**
 * Is `url` our own page — `app://kiosk/index.html`, the only document the app has? A different
 * #hash (client-side route) is the same page; a query string, another path, another host or any
 * other scheme (file:// included) is not.
 */
function isAppPage(url: string | undefined, appUrl: string): boolean {
  if (typeof url !== 'string') return false;
  let page: URL;
  let app: URL;
  try {
    page = new URL(url);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (page.username || page.password) return false;
  return page.protocol === app.protocol && page.host === app.host && page.pathname === app.pathname && page.search === '';
}

/** Navigation and redirects: only ever to the app's own index; no web page, no other file. */
export function isAllowedNavigation(url: string, appUrl: string): boolean {
  return isAppPage(url, appUrl);
}

/** IPC: only a frame showing the app's own page may reach the backend (checklist item 17). */
export function isTrustedSender(frameUrl: string | undefined, appUrl: string): boolean {
  return isAppPage(frameUrl, appUrl);
}

/**
 * Chromium permission requests and checks. Everything is denied except the camera ('media'),
 * which the app's own page needs to read the QR code on a CCCD card and photograph documents.
 * A request that also asks for the microphone is denied: the kiosk never records sound.
 */
export function permissionDecision(
  permission: string,
  requestingUrl: string | undefined,
  appUrl: string,
  mediaTypes: readonly string[] = [],
): boolean {
  if (permission !== 'media') return false;
  if (mediaTypes.some((t) => t !== 'video')) return false;
  return isAppPage(requestingUrl, appUrl);
}

/**
 * Keys that would take a citizen out of the kiosk page in production: reload (loses the session
 * mid-form), developer tools, leaving full screen, closing the window. The OS-level ones
 * (Ctrl+Alt+Del, the Windows key) cannot be caught here; IT locks those with the OS kiosk mode.
 */
export function isBlockedShortcut(input: Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'shift' | 'alt'>): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  const mod = input.control || input.meta;
  if (key === 'f5' || key === 'f11' || key === 'f12') return true;
  if (input.alt && key === 'f4') return true;
  if (mod && (key === 'r' || key === 'w' || key === 'q')) return true;
  if (mod && input.shift && (key === 'i' || key === 'j' || key === 'c')) return true;
  return false;
}
