import type { App, Input, Session, WebContents } from 'electron';
import type { Logger } from '../log';
import { contentSecurityPolicy, isAllowedNavigation, isBlockedShortcut, permissionDecision } from './window';

/**
 * Plugs the pure decisions of ./window into Electron's hooks (Electron security checklist items
 * 4, 5, 7, 12, 13, 14). Electron's objects are passed in rather than imported, so a test can hand
 * in fakes, then fire the registered handlers and see what they answer.
 */

type Preventable = { preventDefault(): void };

export type HardenedApp = Pick<App, 'on'>;
export type HardenedSession = {
  setPermissionRequestHandler: Session['setPermissionRequestHandler'];
  setPermissionCheckHandler: Session['setPermissionCheckHandler'];
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};
export type HardenedContents = Pick<WebContents, 'setWindowOpenHandler' | 'on'>;

export interface HardenOptions {
  app: HardenedApp;
  session: HardenedSession;
  appUrl: string;
  /** Production kiosk: swallow the shortcuts that leave the kiosk page (see isBlockedShortcut). */
  lockKeyboard: boolean;
  logger: Logger;
}

export function hardenElectron(opts: HardenOptions): void {
  const { app, session, appUrl, logger } = opts;

  app.on('web-contents-created', (_event, contents) => hardenContents(contents, opts));

  // Without a handler Electron grants every permission; deny all but the camera for our page.
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    const allowed = permissionDecision(permission, details.requestingUrl, appUrl, mediaTypes);
    if (!allowed) logger.warn('shell.permission_denied', { permission });
    callback(allowed);
  });
  session.setPermissionCheckHandler((contents, permission, _origin, details) =>
    permissionDecision(
      permission,
      details.requestingUrl ?? contents?.getURL(),
      appUrl,
      details.mediaType && details.mediaType !== 'unknown' ? [details.mediaType] : [],
    ),
  );

  // Defence in depth: the app:// handler sends the policy with the page (shell/app-protocol.ts)
  // and renderer/index.html carries it as a meta tag; this covers anything ever loaded otherwise.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] },
    });
  });
}

export function hardenContents(contents: HardenedContents, opts: Omit<HardenOptions, 'app' | 'session'>): void {
  const { appUrl, logger } = opts;
  const refuse = (kind: string, event: Preventable, url: string) => {
    if (isAllowedNavigation(url, appUrl)) return;
    event.preventDefault();
    // Only the scheme: a URL can carry a citizen's data in its query.
    logger.warn('shell.navigation_blocked', { kind, scheme: schemeOf(url) });
  };

  // The kiosk has exactly one window; window.open and target=_blank open nothing.
  contents.setWindowOpenHandler((details) => {
    logger.warn('shell.window_open_blocked', { scheme: schemeOf(details.url) });
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => refuse('navigate', event, event.url));
  // will-navigate covers the main frame; this one covers iframes (the kiosk has none of its own).
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) refuse('frame-navigate', event, event.url);
  });
  contents.on('will-redirect', (event) => refuse('redirect', event, event.url));
  // webviewTag is off in the window options; refuse here too in case a future window turns it on.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('shell.webview_blocked');
  });
  if (opts.lockKeyboard) {
    contents.on('before-input-event', (event: Preventable, input: Input) => {
      if (isBlockedShortcut(input)) event.preventDefault();
    });
  }
}

/**
 * Alt+F4 and the window manager's close button go to the OS, not to before-input-event: keep the
 * kiosk window open unless the app itself is quitting (IT quits via the OS or the service).
 */
export function keepWindowOpen(
  window: { on(event: 'close', listener: (event: Preventable) => void): unknown },
  isQuitting: () => boolean,
  logger: Logger,
): void {
  window.on('close', (event) => {
    if (isQuitting()) return;
    event.preventDefault();
    logger.warn('shell.close_blocked');
  });
}

function schemeOf(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  return match ? match[1]!.toLowerCase() : 'invalid';
}
