import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';

/** Real child processes for end-to-end tests: the simulator and the kiosk's web host. */
export interface Running {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

const root = resolve(import.meta.dirname, '../..');
const outDir = process.env.KIOSK_OUT ?? 'out';

export function spawnUntilReady(script: string, args: string[], env: NodeJS.ProcessEnv, marker: RegExp): Promise<Running> {
  const child = spawn(process.execPath, [join(root, script), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let ready = false;
  let stopping = false;
  return new Promise((ok, fail) => {
    // Not ready in time: say why, and do not leave it running behind the failed test.
    const timer = setTimeout(() => {
      fail(new Error(`${script} did not become ready:\n${out}`));
      child.kill('SIGKILL');
    }, 20_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = marker.exec(out);
      if (m?.[1] && !ready) {
        ready = true;
        clearTimeout(timer);
        ok({
          url: m[1],
          child,
          output: () => out,
          stop: () => {
            stopping = true;
            return stopChild(child);
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!ready) fail(new Error(`${script} exited with ${code ?? signal}:\n${out}`));
      // A process that dies while tests still use it shows up as "connection refused" in a
      // later test; say here why it went, with the end of what it printed.
      else if (!stopping)
        process.stderr.write(
          `\n[e2e] ${script} exited unexpectedly (${code ?? signal}); its last output:\n${out.slice(-4000)}\n`,
        );
    });
  });
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    child.once('exit', () => ok());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

export async function startSimulator(port = 0): Promise<Running> {
  return spawnUntilReady(`${outDir}/main/simulator.js`, ['--port', String(port)], {}, /Simulator ready: (\S+)/);
}

export interface KioskOptions {
  /**
   * The provincial API: a simulator started on its own. The kiosk runs in DEMO mode (`--demo`,
   * as the README's commands do) and signs with the simulator's demo device; without it, it
   * starts its own simulator, as `npm run start:web` on a fresh machine does.
   */
  apiBaseUrl?: string;
  /** Merged over the default `kiosk.config.json` ({ kioskId }). */
  config?: Record<string, unknown>;
  /**
   * A production kiosk instead (no `--demo`): its own device key in `<dataDir>-keys`, not
   * enrolled until a test enrols it, a data key as IT would give it (`apiBaseUrl` required).
   */
  production?: boolean;
}

export async function startKiosk(opts: KioskOptions = {}): Promise<Running & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  const configFile = join(dataDir, 'kiosk.config.json');
  writeFileSync(configFile, JSON.stringify({ kioskId: 'KIOSK-E2E-01', ...opts.config }));
  const env: NodeJS.ProcessEnv = { KIOSK_CONFIG: configFile, KIOSK_DATA_DIR: join(dataDir, 'data') };
  if (opts.apiBaseUrl) env.KIOSK_API_BASE_URL = opts.apiBaseUrl;
  if (opts.production) env.KIOSK_DATA_KEY = createHash('sha256').update('kiosk-dvc e2e data key').digest('hex');
  const args = opts.production ? ['--port', '0'] : ['--demo', '--port', '0'];
  const running = await spawnUntilReady(`${outDir}/main/web.js`, args, env, /Kiosk ready: (\S+)/);
  return {
    ...running,
    dataDir,
    async stop() {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The simulator's SMS sandbox: the newest OTP sent to `phone`, once it has arrived. */
export async function latestOtp(simUrl: string, phone: string): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(async () => {
      const res = await fetch(new URL(`/__sim/sms?to=${phone}`, simUrl));
      const body = (await res.json()) as { messages: { text: string }[] };
      code = /\b(\d{6})\b/.exec(body.messages[0]?.text ?? '')?.[1];
      return code;
    }, { message: `an OTP for ${phone} in the simulator's SMS sandbox` })
    .toBeDefined();
  return code!;
}

export async function simControl(simUrl: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(new URL(path, simUrl), {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`simulator ${path} answered ${res.status}`);
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

/**
 * One simulator and one kiosk talking to it, shared by every test in the calling spec file:
 * started in `beforeAll`, stopped in `afterAll`, and with `resetBeforeEach` the simulator's state
 * wiped before each test so none depends on what an earlier one left behind. Call it at the top
 * level of a spec; read `sim` and `kiosk` inside tests and hooks, once they exist.
 */
export function useSimulatorAndKiosk(opts: { kiosk?: Omit<KioskOptions, 'apiBaseUrl'>; resetBeforeEach?: boolean } = {}) {
  let sim: Running | undefined;
  let kiosk: (Running & { dataDir: string }) | undefined;
  test.beforeAll(async () => {
    sim = await startSimulator();
    kiosk = await startKiosk({ ...opts.kiosk, apiBaseUrl: sim.url });
  });
  test.afterAll(async () => {
    await kiosk?.stop();
    await sim?.stop();
  });
  if (opts.resetBeforeEach) {
    test.beforeEach(async () => {
      await simControl(started(sim, 'sim').url, '/__sim/reset', {});
    });
  }
  return {
    get sim(): Running {
      return started(sim, 'sim');
    },
    get kiosk(): Running & { dataDir: string } {
      return started(kiosk, 'kiosk');
    },
  };
}

function started<T>(running: T | undefined, name: string): T {
  if (!running) throw new Error(`${name} is not running yet: useSimulatorAndKiosk() starts it in beforeAll; read it in a test`);
  return running;
}
