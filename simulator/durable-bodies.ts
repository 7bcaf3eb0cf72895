import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';

/**
 * `--durable-dir <dir>` (the benchmark's "server writing" drain): as a real API keeps what it
 * accepts, every upload and dossier body is written to a file of its own in `dir` and fsynced
 * before the handler answers. Without it the simulator keeps everything in memory, as the tests
 * want. The files are the benchmark's to delete.
 */
export function installDurableBodies(app: FastifyInstance, dir: string): void {
  let n = 0;
  app.addHook('preHandler', async (request) => {
    const route = request.routeOptions.url;
    const durable = (request.method === 'PUT' && route === '/v1/uploads/:sha256') || (request.method === 'POST' && route === '/v1/dossiers');
    if (!durable || request.body === undefined) return;
    let bytes: Buffer;
    if (request.body instanceof Readable) {
      // An upload arrives as a stream (its route hashes it on the way): read it here, and hand the
      // route the same bytes as a stream again. Only for the benchmark's 64 KB documents.
      const chunks: Buffer[] = [];
      for await (const c of request.body) chunks.push(c as Buffer);
      bytes = Buffer.concat(chunks);
      request.body = Readable.from([bytes]);
    } else bytes = Buffer.from(JSON.stringify(request.body));
    const file = await open(join(dir, `${process.pid}-${++n}`), 'w');
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
  });
}
