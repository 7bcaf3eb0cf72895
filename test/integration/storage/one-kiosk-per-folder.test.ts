import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataLock, DataFolderLocked, EX_LOCKED } from '../../../main/store/data-lock';
import { startSimulator, type RunningSimulator } from '../../../simulator/server';
import { requireBuilt, runToExit, startKiosk, webJs, workerJs, type KioskProcess } from '../../support/kiosk-process';

/**
 * One kiosk per data folder: a second process started on the folder of a running kiosk (either
 * shell, or the tools) is refused with exit 73 and a message naming the holder, and touches
 * nothing — the first keeps its visit's staged files. A holder killed with SIGKILL leaves no lock
 * behind: the next start simply works.
 */
let dir: string;
let sim: RunningSimulator | null = null;
const kiosks: KioskProcess[] = [];

beforeAll(() => requireBuilt(webJs, workerJs));
afterEach(async () => {
  for (const k of kiosks.splice(0)) await k.kill('SIGKILL');
  await sim?.close();
  sim = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('one kiosk per data folder', () => {
  it('a second kiosk on the same folder exits 73 naming the first, and the first (and its staged files) carry on', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-lock-'));
    sim = await startSimulator({ port: 0 });
    const dataDir = join(dir, 'data');
    const first = await startKiosk({ dataDir, configDir: dir, apiBaseUrl: sim.url });
    kiosks.push(first);
    // A citizen mid-visit: a photo staged by the first kiosk.
    mkdirSync(join(dataDir, 'staging'), { recursive: true });
    writeFileSync(join(dataDir, 'staging', 'photo.part'), 'half a photo');

    const second = await runToExit(webJs, ['--demo', '--port', '0'], { KIOSK_CONFIG: join(dir, 'kiosk.config.json'), KIOSK_DATA_DIR: dataDir, KIOSK_API_BASE_URL: sim.url });
    expect(second.code).toBe(EX_LOCKED);
    expect(second.stderr).toContain(`pid ${first.child.pid}, web`);
    expect(second.stderr).toContain(dataDir);
    expect(second.stdout).not.toContain('Kiosk ready');

    // The tools are refused the same way.
    const worker = await runToExit(workerJs, ['--data', dataDir, '--api', sim.url, '--enqueue', '0']);
    expect(worker.code).not.toBe(0);
    expect(worker.stderr).toContain(`pid ${first.child.pid}`);

    expect(readFileSync(join(dataDir, 'staging', 'photo.part'), 'utf8')).toBe('half a photo');
    expect(first.alive()).toBe(true);
    expect((await first.call('outbox.status')).ok).toBe(true);
  }, 90_000); // Long: two kiosk processes, each up to 30 s to start on a loaded 2-core CI.

  it('a kiosk killed with SIGKILL leaves no lock behind: the next one starts, and says the last session ended uncleanly', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-lock-'));
    sim = await startSimulator({ port: 0 });
    const dataDir = join(dir, 'data');
    const first = await startKiosk({ dataDir, configDir: dir, apiBaseUrl: sim.url });
    await first.kill('SIGKILL');
    expect(existsSync(join(dataDir, 'kiosk.lock.json'))).toBe(true);
    const next = await startKiosk({ dataDir, configDir: dir, apiBaseUrl: sim.url });
    kiosks.push(next);
    expect(next.output()).toContain('"data.unclean_shutdown"');
    expect((await next.kill('SIGTERM')).code).toBe(0);
    // A clean stop removes its note: the start after it is not "unclean".
    expect(existsSync(join(dataDir, 'kiosk.lock.json'))).toBe(false);
    const third = await startKiosk({ dataDir, configDir: dir, apiBaseUrl: sim.url });
    kiosks.push(third);
    expect(third.output()).not.toContain('"data.unclean_shutdown"');
  }, 90_000); // Long: three kiosk processes, one SIGKILLed.

  it('inside one process too, the folder is held once; released, it can be taken again', () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-lock-'));
    const a = acquireDataLock(dir, { shell: 'test-a' });
    let refused: unknown = null;
    try {
      acquireDataLock(dir, { shell: 'test-b' });
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(DataFolderLocked);
    expect((refused as DataFolderLocked).holder).toMatchObject({ pid: process.pid, shell: 'test-a', phase: 'starting' });
    a.release();
    const b = acquireDataLock(dir, { shell: 'test-b' });
    expect(b.unclean).toBeNull();
    b.release();
  });
});
