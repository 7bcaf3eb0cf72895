import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicKeyFingerprint } from '../../common/provincial/request-signing';
import { fileKeySealer } from '../../main/keys/sealer';
import { openKeyStore } from '../../main/services/device/key-store';
import { DEMO_DEVICE } from '../../simulator/seed/devices';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { tempDir } from './outbox/fixtures';
import { TEST_DATA_KEY_HEX } from '../support/production-kiosk';

/**
 * The browser shell (`node out/main/web.js`) as IT starts it: outside DEMO mode every missing or
 * unsafe piece of configuration stops it with exit 78 and one line that says what to fix, before
 * it opens a port; DEMO mode starts only when asked for.
 */
const web = resolve(process.env.KIOSK_OUT ?? 'out', 'main', 'web.js');

interface Outcome {
  code: number | null;
  stderr: string;
  ready: string | null;
}

/** Runs the shell until it exits or says it is ready (then stops it). */
function run(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Outcome> {
  return new Promise((ok) => {
    const env = { ...process.env, ...opts.env };
    for (const k of Object.keys(env)) if (k.startsWith('KIOSK_') && !(opts.env && k in opts.env)) delete env[k];
    const child = spawn(process.execPath, [web, ...args], { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let ready: string | null = null;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /Kiosk ready: (\S+)/.exec(stdout);
      if (m && !ready) {
        ready = m[1]!;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const limit = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', (code) => {
      clearTimeout(limit);
      ok({ code: ready ? 0 : code, stderr, ready });
    });
  });
}

let sim: RunningSimulator;
let tmp: ReturnType<typeof tempDir>;
beforeAll(async () => {
  if (!existsSync(web)) throw new Error(`${web} is missing: build first (npm run build)`);
  sim = await startSimulator({ port: 0 });
  tmp = tempDir('kiosk-refusals-');
});
afterAll(async () => {
  await sim?.close();
  tmp?.cleanup();
});

function dirWith(name: string, config?: unknown): string {
  const dir = join(tmp.dir, name);
  mkdirSync(dir, { recursive: true });
  if (config !== undefined) writeFileSync(join(dir, 'kiosk.config.json'), JSON.stringify(config));
  return dir;
}

const production = () => ({
  api: { baseUrl: sim.url },
  kioskId: 'BMT-MOTCUA-01',
  web: { port: 0 },
});

describe('production mode refuses to start', () => {
  it('with no configuration file: exit 78, naming the file and the --demo way to try it', async () => {
    const r = await run([], { cwd: dirWith('none') });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/Kiosk refused to start: .*kiosk\.config\.json: \(file\): no configuration file/);
    expect(r.stderr).toContain('--demo');
    expect(r.ready).toBeNull();
  });

  it('with no provincial API: exit 78 naming api.baseUrl', async () => {
    const { api: _, ...config } = production();
    const r = await run([], { cwd: dirWith('no-api', config) });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/api\.baseUrl: is required outside DEMO mode/);
  });

  it('with an http:// API that is not on this machine: exit 78, asking for https://', async () => {
    const r = await run([], { cwd: dirWith('http', { ...production(), api: { baseUrl: 'http://api.dichvucong.example.vn' } }) });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/api\.baseUrl: must start with https:\/\//);
  });

  it("with the simulator's published demo key as its device key: exit 78", async () => {
    const dir = dirWith('demo-key', production());
    openKeyStore({ dir: join(dir, '.kiosk-data-keys'), sealer: fileKeySealer }).save({
      key: {
        privateKey: DEMO_DEVICE.privateKey,
        publicKey: DEMO_DEVICE.publicKey,
        fingerprint: publicKeyFingerprint(DEMO_DEVICE.publicKey),
      },
      enrolment: null,
    });
    const r = await run([], { cwd: dir });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/device-key\.json is the simulator's published demo key/);
  });

  it.skipIf(process.platform === 'win32')('with a device key other accounts can read: exit 78, saying chmod 600', async () => {
    const dir = dirWith('exposed', production());
    openKeyStore({ dir: join(dir, '.kiosk-data-keys'), sealer: fileKeySealer }).loadOrCreate();
    chmodSync(join(dir, '.kiosk-data-keys', 'device-key.json'), 0o644);
    const r = await run([], { cwd: dir });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/can be read by other accounts \(mode 644\): run "chmod 600 /);
  });

  it('with a device key folder it cannot create: exit 78 naming the folder', async () => {
    const dir = dirWith('no-key-dir', { ...production(), device: { keyDir: 'blocked/keys' } });
    writeFileSync(join(dir, 'blocked'), 'a file where the folder should be');
    const r = await run([], { cwd: dir });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/the device key folder .*blocked.keys cannot be used/);
  });

  it('asked to seal the key with the operating system, which plain Node cannot: exit 78 saying to use "file"', async () => {
    const r = await run([], { cwd: dirWith('os-seal', { ...production(), device: { keyProtection: 'os' } }) });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/device\.keyProtection is "os" but only the Electron app can seal keys .*"keyProtection": "file"/);
  });

  it('with a shared device secret from the old scheme: exit 78 saying to enrol instead', async () => {
    const r = await run([], { cwd: dirWith('legacy', production()), env: { KIOSK_DEVICE_SECRET: 'x'.repeat(40) } });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/device\.secret: shared device secrets are no longer used/);
  });

  it('with "mode": "production" in the file and --demo on the command line: exit 78 naming mode', async () => {
    const r = await run(['--demo'], { cwd: dirWith('contradiction', { ...production(), mode: 'production' }) });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/mode: says "production"/);
  });
});

describe('the kiosk starts', () => {
  it('in production with a complete configuration (loopback http for the test API): it makes its own key, owner-only, and waits to be enrolled', async () => {
    const dir = dirWith('complete', production());
    const r = await run([], { cwd: dir, env: { KIOSK_DATA_KEY: TEST_DATA_KEY_HEX } });
    expect(r.ready).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(r.stderr).not.toMatch(/DEMO mode/);
    expect(r.stderr).toMatch(/"event":"device.not_enrolled"/);
    const keyFile = join(dir, '.kiosk-data-keys', 'device-key.json');
    if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(keyFile, 'utf8'))).toMatchObject({ v: 1, protection: 'file', enrolment: null });
  });

  it('in DEMO mode with --demo and KIOSK_API_BASE_URL: against that simulator, not one of its own', async () => {
    const r = await run(['--demo', '--port', '0'], { cwd: dirWith('demo-external'), env: { KIOSK_API_BASE_URL: sim.url } });
    expect(r.ready).not.toBeNull();
    expect(r.stderr).toContain(`DEMO mode: provincial API simulator at ${sim.url}`);
  });

  it('in DEMO mode with --demo alone: its own simulator on loopback', async () => {
    const r = await run(['--demo', '--port', '0'], { cwd: dirWith('demo-own') });
    expect(r.ready).not.toBeNull();
    expect(r.stderr).toMatch(/DEMO mode: built-in provincial API simulator at http:\/\/127\.0\.0\.1:\d+/);
  });
});
