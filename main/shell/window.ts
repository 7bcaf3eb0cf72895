import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions, Input } from 'electron';
import { rendererCsp } from './csp';

/**
 * The kiosk window and every security decision the shell makes, as plain data and pure functions.
 * Nothing here touches Electron at runtime (only its types), so plain Node tests cover all of it;
 * main/shell/harden.ts and main/ipc.ts only plug these answers into Electron's hooks.
 */

/** One policy for both shells; the renderer also carries it as a meta tag (file:// has no headers). */
export const contentSecurityPolicy = rendererCsp;

export interface AppPaths {
  preload: string;
  rendererIndex: string;
  /** The only page the window may show, and the only frame allowed to call the backend. */
  appUrl: string;
  /** Files shipped beside the app (electron-builder `extraResources`): the demo's sample documents. */
  resourcesDir: string;
}

/** `appRoot` is `app.getAppPath()`: the project folder under `npm start`, app.asar when packaged. */
export function appPaths(appRoot: string): AppPaths {
  const rendererIndex = join(appRoot, 'out', 'renderer', 'index.html');
  return {
    // A sandboxed preload must be one CommonJS file (TOOLCHAIN.md), hence .cjs.
    preload: join(appRoot, 'out', 'preload', 'index.cjs'),
    rendererIndex,
    appUrl: pathToFileURL(rendererIndex).href,
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
 * The file path a file:// URL names, comparable across spellings: percent-decoded (an install
 * folder such as "Kiosk Dịch vụ công" is non-ASCII) and, for Windows drive paths, case-folded.
 * Anything that is not a plain local file URL gives null.
 */
function localFilePath(url: string | undefined): string | null {
  if (typeof url !== 'string') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  // A host would make it a UNC share (file://server/...), not our bundled file.
  if (parsed.protocol !== 'file:' || parsed.host !== '' || parsed.username || parsed.password) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  return /^\/[A-Za-z]:\//.test(path) ? path.toLowerCase() : path;
}

/** Is `url` our own bundled index page? A different #hash (client-side route) is the same page. */
function isAppPage(url: string | undefined, appUrl: string): boolean {
  const path = localFilePath(url);
  const app = localFilePath(appUrl);
  if (path === null || app === null || path !== app) return false;
  // A query string would be a different document to the browser; the app never uses one.
  return new URL(url as string).search === '';
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
