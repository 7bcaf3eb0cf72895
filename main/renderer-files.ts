import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Which file of the built renderer a request path names — for both shells: the loopback host
 * (web-host/static-files.ts) and the Electron app's `app://` protocol (shell/app-protocol.ts).
 * Pure (no disk access), so every trick a path can play is tested without a server: never a
 * file outside `rendererDir`, whatever the path says.
 */
export const rendererContentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
};

export type RendererFile = { ok: true; file: string; contentType: string; isIndex: boolean } | { ok: false; status: 400 | 404 };

/** `urlPath` is the path part of a URL as received (percent-encoded): `/`, `/index.html`, `/assets/x.js`. */
export function resolveRendererFile(rendererDir: string, urlPath: string): RendererFile {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { ok: false, status: 400 };
  }
  // A NUL ends a path in C; a backslash is a separator on Windows; a drive or UNC prefix escapes.
  if (decoded.includes('\0') || decoded.includes('\\') || /^\/*[A-Za-z]:/.test(decoded)) return { ok: false, status: 400 };
  const relativePath = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = resolve(rendererDir);
  const file = resolve(root, relativePath);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..')) return { ok: false, status: 404 };
  return { ok: true, file, contentType: rendererContentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream', isIndex: inside === 'index.html' };
}
