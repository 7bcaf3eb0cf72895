import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, methods } from '../../common/contract';
import type { Backend } from '../../main/backend';
import { startDemoKiosk } from '../support/demo-kiosk';
import { registerKioskIpc, type KioskIpcMain } from '../../main/ipc';
import { silentLogger } from '../../main/log';
import { appPaths } from '../../main/shell/window';
import { startWebHost, type WebHost } from '../../main/web-host/server';
import { tempDir } from './outbox/fixtures';

/**
 * The guards on the real backend, through both transports: the loopback HTTP host and the
 * Electron IPC handler (driven the way Electron calls it). The list of methods comes from the
 * contract, so a method added later is checked without editing this file.
 */
let tmp: ReturnType<typeof tempDir>;
let backend: Backend;
let host: WebHost;
let secret: string;
let ipcCall: (method: string, input: unknown) => Promise<unknown>;

beforeAll(async () => {
  tmp = tempDir('kiosk-guards-');
  const rendererDir = join(tmp.dir, 'renderer');
  mkdirSync(rendererDir);
  const dataDir = join(tmp.dir, 'data');
  backend = await startDemoKiosk({ dir: tmp.dir, env: { KIOSK_DATA_DIR: dataDir } });
  host = await startWebHost({ dispatch: backend.dispatch, rendererDir, port: 0, logger: silentLogger });
  secret = /#k=(.+)$/.exec(host.url)![1]!;
  const appUrl = appPaths('/opt/kiosk/resources/app.asar').appUrl;
  let handler: ((event: unknown, method: unknown, input: unknown) => Promise<unknown>) | undefined;
  const ipcMain = { handle: (_c: string, h: typeof handler) => (handler = h), removeHandler: () => undefined };
  registerKioskIpc({ ipcMain: ipcMain as unknown as KioskIpcMain, backend, appUrl, logger: silentLogger });
  ipcCall = (method, input) => handler!({ senderFrame: { url: appUrl, parent: null } }, method, input);
});
afterAll(async () => {
  await host?.close();
  await backend?.close();
  tmp.cleanup();
});

async function httpCall(method: string, input: unknown): Promise<unknown> {
  const res = await fetch(`${host.origin}/api/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers: { origin: host.origin, authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return res.json();
}

const guarded = methods.filter((m) => contract[m].guard !== 'public');
const expectedCode = { citizen: 'session_expired', clerk: 'clerk_required', it: 'it_required' } as const;
// Inputs a caller might send: empty, and shapes that would pass most methods' validation.
const inputs = [{}, { localRef: 'DL-KIOSK-1-250101-0001' }, { jobId: 1 }, { stagedId: 'AAAAAAAAAAAA' }, { jobId: 'AAAAAAAAAAAA' }];

describe('without a citizen or staff session', () => {
  it('there are guarded methods for citizens and for staff in the contract', () => {
    expect(guarded.filter((m) => contract[m].guard === 'citizen').length).toBeGreaterThan(5);
    expect(guarded.filter((m) => contract[m].guard === 'clerk').length).toBeGreaterThan(3);
  });

  for (const [transport, call] of [
    ['the HTTP host', (m: string, i: unknown) => httpCall(m, i)],
    ['Electron IPC', (m: string, i: unknown) => ipcCall(m, i)],
  ] as const) {
    it(`every citizen, clerk and IT method is refused through ${transport}`, async () => {
      for (const method of guarded) {
        const guard = contract[method].guard as keyof typeof expectedCode;
        for (const input of inputs) {
          expect(await call(method, input), `${method} ${JSON.stringify(input)}`).toEqual({ ok: false, error: { code: expectedCode[guard] } });
        }
      }
    });
  }
});
