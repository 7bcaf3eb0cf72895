import type { CustomScheme, Protocol } from 'electron';
import type { Logger } from '../log';
import { resolveRendererFile, type RendererFile } from '../renderer-files';
import { rendererCsp } from './csp';

/**
 * The Electron app serves its renderer from its own `app://kiosk/` origin, not from file://: the
 * page gets a real origin (so 'self' in the CSP means our bundle and nothing else on the disk),
 * file:// pages get no extra powers (the GrantFileProtocolExtraPrivileges fuse is off), and the
 * only files reachable are the built renderer's, by the same confinement the loopback host uses
 * (renderer-files.ts). The handler is passed Electron's objects, so a test drives it with fakes.
 */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://kiosk';
export const APP_URL = `${APP_ORIGIN}/index.html`;

/**
 * Registered before the app is ready: a standard, secure scheme (relative URLs, a secure context
 * for the camera, fetch and module workers), never a bypass of the CSP.
 */
export const appScheme: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true, bypassCSP: false, corsEnabled: false },
};

/** The renderer file an `app://` URL names, or why not: the host must be ours, the path inside the renderer. */
export function resolveAppRequest(url: string, rendererDir: string): RendererFile {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400 };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== 'kiosk' || parsed.username || parsed.password) return { ok: false, status: 404 };
  return resolveRendererFile(rendererDir, parsed.pathname);
}

export function registerAppProtocol(deps: {
  protocol: Pick<Protocol, 'handle'>;
  rendererDir: string;
  readFile: (path: string) => Promise<Buffer>;
  logger: Logger;
}): void {
  deps.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const found = resolveAppRequest(request.url, deps.rendererDir);
    if (!found.ok) {
      // The status only: a refused URL may carry anything.
      deps.logger.warn('shell.app_request_refused', { status: found.status });
      return new Response(null, { status: found.status });
    }
    let body: Buffer;
    try {
      body = await deps.readFile(found.file);
    } catch {
      return new Response(null, { status: 404 });
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': found.contentType,
        'content-security-policy': rendererCsp,
        'x-content-type-options': 'nosniff',
        'cache-control': found.isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
      },
    });
  });
}
