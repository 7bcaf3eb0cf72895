import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { resolveRendererFile } from '../renderer-files';

/** Serves the built renderer; never a file outside `root`, whatever the path says (renderer-files.ts). */
export function serveStatic(root: string, urlPath: string, res: ServerResponse, headers: Record<string, string>): void {
  const found = resolveRendererFile(root, urlPath);
  if (!found.ok) {
    res.writeHead(found.status).end();
    return;
  }
  let size: number;
  try {
    const st = statSync(found.file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  res.writeHead(200, {
    ...headers,
    'content-type': found.contentType,
    'content-length': String(size),
    // Hashed asset names may be cached; the page itself never, so an update shows at once.
    'cache-control': found.isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  createReadStream(found.file).pipe(res);
}
