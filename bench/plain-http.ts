import { createReadStream, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveWorker } from './workers';

/**
 * (b)'s yardstick, the physical limit of the drain: the same requests (each attachment streamed
 * from a plain file with PUT, then the dossier's JSON with POST, one dossier after another per
 * lane) from a plain `node:http` client to a plain `node:http` server, each in a process of its
 * own, over loopback. No signing, no schema, no SQLite, no hashing: what is left is the kernel,
 * the HTTP parser and the event loop on both sides — what any client and server pay.
 */

/** One dossier as the outbox sends it: its attachments' plain bytes on disk and the exact JSON body. */
export interface ManifestDossier {
  files: Array<{ path: string; size: number; sha256: string }>;
  body: string;
  idempotencyKey: string;
}

const ANSWER = Buffer.from('{"ok":true}');

/**
 * `--child plain-server`: answers every request once its body has been read and thrown away; with
 * `writeDir` ("server writing"), once the body is in a file of its own there and fsynced, as the
 * least a real API does with what it accepts.
 */
export function plainServerChild(writeDir?: string): void {
  let n = 0;
  const answer = (res: ServerResponse) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': ANSWER.length });
    res.end(ANSWER);
  };
  const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    if (!writeDir) {
      req.on('data', () => undefined);
      req.on('end', () => answer(res));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const file = await open(join(writeDir, `${++n}`), 'w');
        try {
          await file.writeFile(Buffer.concat(chunks));
          await file.sync();
        } finally {
          await file.close();
        }
        answer(res);
      })();
    });
  });
  server.listen(0, '127.0.0.1', () => {
    serveWorker({}, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  });
}

function send(agent: Agent, url: URL, method: string, path: string, headers: Record<string, string | number>, body: Buffer | string | { file: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: url.hostname, port: url.port, method, path, headers }, (res: IncomingMessage) => {
      if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
      res.on('data', () => undefined);
      res.on('end', resolve);
      res.on('error', reject);
    });
    req.on('error', reject);
    if (typeof body === 'object' && 'file' in body) createReadStream(body.file).on('error', reject).pipe(req);
    else req.end(body);
  });
}

/** `--child plain-client`: sends a manifest's dossiers with `lanes` in parallel; replies with the seconds it took. */
export function plainClientChild(): void {
  // One keep-alive pool per lane count, kept across rounds (as the kiosk keeps its client).
  const agents = new Map<number, Agent>();
  serveWorker({
    async send(r) {
      const url = new URL(r.url as string);
      const lanes = r.lanes as number;
      const work = JSON.parse(readFileSync(r.manifest as string, 'utf8')) as ManifestDossier[];
      const agent = agents.get(lanes) ?? new Agent({ keepAlive: true, maxSockets: lanes });
      agents.set(lanes, agent);
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: lanes }, async () => {
          while (next < work.length) {
            const d = work[next++]!;
            for (const f of d.files) {
              await send(agent, url, 'PUT', `/v1/uploads/${f.sha256}`, { 'Content-Type': 'application/octet-stream', 'Content-Length': f.size }, { file: f.path });
            }
            await send(agent, url, 'POST', '/v1/dossiers', { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(d.body), 'Idempotency-Key': d.idempotencyKey }, d.body);
          }
        }),
      );
      return (performance.now() - started) / 1000;
    },
  });
}
