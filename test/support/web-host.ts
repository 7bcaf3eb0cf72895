import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Backend } from '../../main/backend';
import { silentLogger } from '../../main/log';
import { startWebHost, type WebHost } from '../../main/web-host/server';

/**
 * The browser shell's web host over a test kiosk's backend, on a free port, serving a one-line
 * page from `<dir>/renderer` (these tests call its HTTP API, not the built renderer).
 */
export async function hostBackend(backend: Backend, dir: string): Promise<WebHost> {
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  return startWebHost({ dispatch: backend.dispatch, rendererDir, port: 0, logger: silentLogger });
}
