import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { rendererCsp } from '../shell/csp';
import type { Logger } from '../log';
import { serveStatic } from './static-files';

export interface WebHost {
  /** Opens the kiosk: carries the per-launch secret in the fragment, which browsers never send. */
  url: string;
  origin: string;
  port: number;
  close(): Promise<void>;
}

const maxBodyBytes = 1_000_000;

const securityHeaders: Record<string, string> = {
  'content-security-policy': rendererCsp,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(self), microphone=(), geolocation=(), usb=(), serial=()',
};

/**
 * Transport 2: the kiosk API over loopback HTTP for a Chromium kiosk window and end-to-end tests.
 * Bound to 127.0.0.1 only. A call needs the per-launch secret (Authorization: Bearer) and must
 * come from this host's own origin, so neither another local process without the secret nor a
 * web page the kiosk browser happens to open can drive the kiosk.
 */
export async function startWebHost(opts: {
  dispatch: (method: unknown, input: unknown) => Promise<unknown>;
  rendererDir: string;
  port: number;
  logger: Logger;
}): Promise<WebHost> {
  const secret = randomBytes(32).toString('base64url');
  const expectedAuth = Buffer.from(`Bearer ${secret}`);
  const rendererDir = resolve(opts.rendererDir);
  let origin = '';
  let allowedHosts = new Set<string>();

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: a page on evil.example resolving to 127.0.0.1 still sends its own Host.
    if (!allowedHosts.has(req.headers.host ?? '')) return void res.writeHead(421).end();
    const path = (req.url ?? '/').split('?')[0]!.split('#')[0]!;

    if (!path.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
      return serveStatic(rendererDir, path, res, securityHeaders);
    }
    if (req.method !== 'POST') return void sendJson(res, 405, { ok: false, error: { code: 'invalid_input' } });
    if (req.headers.origin !== origin) return void sendJson(res, 403, { ok: false, error: { code: 'forbidden' } });
    const auth = Buffer.from(req.headers.authorization ?? '');
    if (auth.length !== expectedAuth.length || !timingSafeEqual(auth, expectedAuth)) {
      return void sendJson(res, 401, { ok: false, error: { code: 'unauthorized' } });
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return void sendJson(res, 415, { ok: false, error: { code: 'invalid_input' } });
    }
    const body = await readBody(req);
    if (body === 'too_large') return void sendJson(res, 413, { ok: false, error: { code: 'invalid_input' } });
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return void sendJson(res, 400, { ok: false, error: { code: 'invalid_input' } });
    }
    let method: string;
    try {
      method = decodeURIComponent(path.slice('/api/'.length));
    } catch {
      // Broken percent-encoding (`/api/%E0%A4%A`): a bad request like any other, never a 500.
      return void sendJson(res, 400, { ok: false, error: { code: 'invalid_input' } });
    }
    const result = (await opts.dispatch(method, input)) as { ok: boolean; error?: { code: string } };
    sendJson(res, !result.ok && result.error?.code === 'invalid_input' ? 400 : 200, result);
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, '127.0.0.1', () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  opts.logger.info('webhost.listening', { port });

  return {
    url: `${origin}/#k=${secret}`,
    origin,
    port,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...securityHeaders,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      // Past the limit, keep reading but drop the bytes, so the 413 reaches the caller instead
      // of a reset connection. Only callers holding the secret get this far.
      if (size <= maxBodyBytes) chunks.push(c);
    });
    req.on('end', () => ok(size > maxBodyBytes ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', fail);
  });
}
