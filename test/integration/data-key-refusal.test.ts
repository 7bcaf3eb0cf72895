import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { requireBuilt, runToExit, startKiosk, webJs } from '../support/kiosk-process';

/**
 * The kiosk process (out/main/web.js) with its data key gone: it refuses to start with exit code
 * 77 and a message naming the missing key file and the database — and leaves the database as it
 * was, so putting the key back brings the kiosk back with its data.
 */
let dir: string;
let sim: RunningSimulator;
beforeAll(async () => {
  requireBuilt(webJs);
  dir = mkdtempSync(join(tmpdir(), 'kiosk-lostkey-'));
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a kiosk whose data key is lost', () => {
  it('refuses to start (77) naming the key file and the database, and starts again once the key is back', async () => {
    const dataDir = join(dir, 'data');
    const keyFile = join(dir, 'data-keys', 'data-key.json');
    const first = await startKiosk({ dataDir, configDir: dir, apiBaseUrl: sim.url });
    expect((await first.call('outbox.status')).ok).toBe(true);
    await first.kill('SIGTERM');

    renameSync(keyFile, join(dir, 'kept-by-it.json'));
    const env = { KIOSK_CONFIG: join(dir, 'kiosk.config.json'), KIOSK_DATA_DIR: dataDir, KIOSK_API_BASE_URL: sim.url };
    const refused = await runToExit(webJs, ['--demo', '--port', '0'], env, 30_000);
    expect(refused.code).toBe(77);
    expect(refused.stdout).not.toContain('Kiosk ready');
    expect(refused.stderr).toContain(keyFile);
    expect(refused.stderr).toContain(join(dataDir, 'kiosk.sqlite3'));
    expect(refused.stderr).toContain('Hãy báo bộ phận CNTT');
    // Not a fresh key and an empty database over the old one: the key file is still missing.
    const again = await runToExit(webJs, ['--demo', '--port', '0'], env, 30_000);
    expect(again.code).toBe(77);

    renameSync(join(dir, 'kept-by-it.json'), keyFile);
    const back = await startKiosk({ dataDir, configDir: dir, apiBaseUrl: sim.url });
    expect((await back.call('outbox.status')).ok).toBe(true);
    await back.kill('SIGTERM');
  }, 90_000); // Long: the kiosk process starts three times.
});
