import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildLogger, silentLogger, type Logger } from '../../main/log';
import { buildApiClock } from '../../main/services/provincial-api/api-clock';
import { buildRequestCore } from '../../main/services/provincial-api/request-core';
import { demoSigner } from '../../demo/demo-device';
import { signatureHeaders } from '../../common/provincial/request-signing';

/** The error codes the request core logged for its failed requests. */
function loggedCodes(): { logger: Logger; codes: () => unknown[] } {
  const lines: string[] = [];
  const logger = buildLogger({ level: 'debug', write: (line) => lines.push(line) });
  return { logger, codes: () => lines.map((l) => (JSON.parse(l) as { errorCode?: unknown }).errorCode).filter((c) => c !== undefined) };
}

/**
 * The request core's wire (main/services/provincial-api/transport.ts) against real servers that
 * answer as the simulator never does: oversized, cut short, compressed, dripping, over TLS.
 */
const fixtures = join(__dirname, '../fixtures/tls');
const Ok = z.object({ ok: z.literal(true) }).strict();

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return String((server.address() as AddressInfo).port);
}

/** A plain HTTP server that reads each request's body, then hands it to `handler`. */
function serverOf(handler: Handler): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks)));
  });
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

const coreFor = (baseUrl: string, extra: { timeoutMs?: number; ca?: string; logger?: Logger } = {}) =>
  buildRequestCore({ baseUrl, timeoutMs: extra.timeoutMs ?? 3000, logger: extra.logger ?? silentLogger, signer: demoSigner, clock: buildApiClock(), ...(extra.ca && { ca: extra.ca }) });

describe('the request core on the wire', () => {
  let server: Server;
  let base: string;
  const seen: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: Buffer; socket: unknown }> = [];
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-transport-'));
    server = serverOf((req, res, body) => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body, socket: req.socket });
      const json = (status: number, text: string, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(text);
      };
      switch (req.url) {
        case '/api/v1/huge':
          return json(200, `{"ok":true,"pad":"${'x'.repeat(2 * 1024 * 1024)}"}`);
        case '/api/v1/cut':
          // The headers promise 1,000 bytes; the connection ends after 10.
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
          res.write('{"ok":true');
          return void setImmediate(() => res.socket?.destroy());
        case '/api/v1/gzip':
          res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
          return void res.end(gzipSync('{"ok":true}'));
        case '/api/v1/gzip-bomb':
          // 5 MB of JSON compressed to a few KB: the cap counts the decoded bytes.
          res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
          return void res.end(gzipSync(`{"ok":true,"pad":"${' '.repeat(5 * 1024 * 1024)}"}`));
        case '/api/v1/drip': {
          // Headers at once, then a byte every 100 ms: each byte keeps the socket busy, only a
          // deadline for the whole answer ends it.
          res.writeHead(200, { 'content-type': 'application/json' });
          const timer = setInterval(() => res.write(' '), 100);
          res.on('close', () => clearInterval(timer));
          return;
        }
        default:
          return json(200, '{"ok":true}');
      }
    });
    base = `http://127.0.0.1:${await listen(server)}/api`;
  });

  afterAll(async () => {
    await closeServer(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('an answer over the size cap is bad_response with its status, not a heap of text', async () => {
    const r = await coreFor(base).send({ method: 'GET', path: '/v1/huge', public: true }, Ok);
    expect(r).toEqual({ ok: false, error: { kind: 'bad_response', status: 200 } });
  });

  it('an answer cut off mid-body is bad_response: something answered, wrongly', async () => {
    const r = await coreFor(base).send({ method: 'GET', path: '/v1/cut', public: true }, Ok);
    expect(r).toEqual({ ok: false, error: { kind: 'bad_response', status: 200 } });
  });

  it('a gzip answer is decoded, and a compressed one that decodes past the cap is refused', async () => {
    expect(await coreFor(base).send({ method: 'GET', path: '/v1/gzip', public: true }, Ok)).toEqual({ ok: true, value: { ok: true } });
    expect(await coreFor(base).send({ method: 'GET', path: '/v1/gzip-bomb', public: true }, Ok)).toEqual({
      ok: false,
      error: { kind: 'bad_response', status: 200 },
    });
  });

  it('an answer that keeps dripping bytes still ends at the deadline, as a timeout', async () => {
    const r = await coreFor(base, { timeoutMs: 400 }).send({ method: 'GET', path: '/v1/drip', public: true }, Ok);
    expect(r).toEqual({ ok: false, error: { kind: 'timeout' } });
  });

  it('sends the signed headers and the exact bytes: JSON with its length, an upload streamed from disk', async () => {
    seen.length = 0;
    const core = coreFor(base);
    const body = { localRef: 'K-1', text: 'Nguyễn Thị Ánh' };
    expect((await core.send({ method: 'POST', path: '/v1/echo', body, idempotencyKey: '0190a0a0-0000-7000-8000-000000000001' }, Ok)).ok).toBe(true);
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const file = join(dir, 'scan.pdf');
    writeFileSync(file, bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const up = await core.send({ method: 'PUT', path: `/v1/uploads/${sha256}`, upload: { sha256, size: bytes.length, open: () => createReadStream(file) } }, Ok);
    expect(up.ok).toBe(true);

    const [post, put] = seen;
    expect(post!.url).toBe('/api/v1/echo');
    expect(post!.body.toString('utf8')).toBe(JSON.stringify(body));
    expect(post!.headers['content-length']).toBe(String(Buffer.byteLength(JSON.stringify(body))));
    expect(post!.headers['content-type']).toBe('application/json');
    expect(post!.headers['idempotency-key']).toBe('0190a0a0-0000-7000-8000-000000000001');
    for (const h of Object.values(signatureHeaders)) expect(post!.headers[h]).toBeTruthy();
    expect(put!.headers['content-type']).toBe('application/octet-stream');
    expect(put!.headers['content-length']).toBe(String(bytes.length));
    expect(put!.headers['transfer-encoding']).toBeUndefined();
    expect(put!.body.equals(bytes)).toBe(true);
  });

  it('a bodiless request carries no Content-Type', async () => {
    seen.length = 0;
    await coreFor(base).send({ method: 'POST', path: '/v1/bare' }, Ok);
    expect(seen[0]!.headers['content-type']).toBeUndefined();
  });

  it('an upload whose file cannot be read is a network failure and leaves no request hanging', async () => {
    const sha256 = '0'.repeat(64);
    const r = await coreFor(base).send({ method: 'PUT', path: `/v1/uploads/${sha256}`, upload: { sha256, size: 10, open: () => createReadStream(join(dir, 'gone')) } }, Ok);
    expect(r).toEqual({ ok: false, error: { kind: 'network' } });
  });

  it('keeps one connection alive across requests, one after another', async () => {
    seen.length = 0;
    const core = coreFor(base);
    for (let i = 0; i < 5; i++) expect((await core.send({ method: 'GET', path: '/v1/ping', public: true }, Ok)).ok).toBe(true);
    expect(new Set(seen.map((s) => s.socket)).size).toBe(1);
  });
});

describe('the request core over TLS', () => {
  let server: Server;
  let base: string;
  const ca = readFileSync(join(fixtures, 'server.crt'), 'utf8');

  beforeAll(async () => {
    server = createTlsServer({ key: readFileSync(join(fixtures, 'server.key')), cert: ca }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    base = `https://127.0.0.1:${await listen(server)}`;
  });

  afterAll(async () => {
    await closeServer(server);
  });

  it('a server whose certificate no trusted CA signed is refused before anything is sent', async () => {
    const log = loggedCodes();
    expect(await coreFor(base, { logger: log.logger }).send({ method: 'GET', path: '/v1/health', public: true }, Ok)).toEqual({ ok: false, error: { kind: 'network' } });
    expect(log.codes()).toEqual(['DEPTH_ZERO_SELF_SIGNED_CERT']);
  });

  it('the same server is believed once its CA is trusted', async () => {
    expect(await coreFor(base, { ca }).send({ method: 'GET', path: '/v1/health', public: true }, Ok)).toEqual({ ok: true, value: { ok: true } });
  });

  it('a trusted certificate for another address is refused', async () => {
    // The certificate names 127.0.0.1; the same server reached as 127.0.0.2 is not the one it names.
    const other = createTlsServer({ key: readFileSync(join(fixtures, 'server.key')), cert: ca }, (_req, res) => res.end('{"ok":true}'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.2', resolve));
    try {
      const url = `https://127.0.0.2:${(other.address() as AddressInfo).port}`;
      const log = loggedCodes();
      expect(await coreFor(url, { ca, logger: log.logger }).send({ method: 'GET', path: '/v1/health', public: true }, Ok)).toEqual({ ok: false, error: { kind: 'network' } });
      expect(log.codes()).toEqual(['ERR_TLS_CERT_ALTNAME_INVALID']);
    } finally {
      await closeServer(other);
    }
  });
});
