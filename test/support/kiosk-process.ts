import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SimLedger } from '../../common/provincial/dossier-schemas';

/**
 * Real kiosk processes for the storage-fault tests: the built `out/main/web.js` (the browser
 * shell, the same backend Electron runs), the crash tests' outbox worker, and the admin CLI.
 * `npm test` builds them first.
 */
const outDir = resolve(process.env.KIOSK_OUT ?? 'out', 'main');
export const webJs = join(outDir, 'web.js');
export const workerJs = join(outDir, 'outbox-worker.js');
export const adminJs = join(outDir, 'admin.js');

export function requireBuilt(...files: string[]): void {
  for (const f of files) if (!existsSync(f)) throw new Error(`${f} is missing: build first (npx electron-vite build)`);
}

export interface Exited {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a built script to its end (or SIGKILLs it after `limitMs`). */
export function runToExit(script: string, args: string[], env: NodeJS.ProcessEnv = {}, limitMs = 60_000): Promise<Exited> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      ok({ code, signal, stdout, stderr });
    });
  });
}

export interface KioskProcess {
  child: ChildProcess;
  origin: string;
  output(): string;
  alive(): boolean;
  call<T = unknown>(method: string, input?: unknown): Promise<{ ok: boolean; value?: T; error?: { code: string } }>;
  /** Waits until `check` holds (polled), failing with the kiosk's output after `timeoutMs`. */
  until(what: string, check: () => Promise<boolean> | boolean, timeoutMs?: number): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<Exited>;
}

/**
 * `node out/main/web.js` on a data folder, with a config file written beside it: a DEMO kiosk
 * against the given simulator (its demo device), or with `production` a kiosk of its own that
 * must be enrolled (its key in `<configDir>/device`).
 */
export function startKiosk(opts: {
  dataDir: string;
  configDir: string;
  apiBaseUrl: string;
  config?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  production?: boolean;
}): Promise<KioskProcess> {
  const configFile = join(opts.configDir, 'kiosk.config.json');
  writeFileSync(configFile, JSON.stringify({ kioskId: 'KIOSK-DISK-01', ...opts.config }));
  const child = spawn(process.execPath, [webJs, ...(opts.production ? [] : ['--demo']), '--port', '0'], {
    env: {
      ...process.env,
      KIOSK_CONFIG: configFile,
      KIOSK_DATA_DIR: opts.dataDir,
      KIOSK_API_BASE_URL: opts.apiBaseUrl,
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let exited: Exited | null = null;
  const exitWaiters: Array<(e: Exited) => void> = [];
  child.once('exit', (code, signal) => {
    exited = { code, signal, stdout: out, stderr: out };
    for (const w of exitWaiters.splice(0)) w(exited);
  });
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`kiosk did not become ready:\n${out}`)), 30_000);
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Kiosk ready: (http:\/\/[^/]+)\/#k=(\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      const [, origin, secret] = m as unknown as [string, string, string];
      const proc: KioskProcess = {
        child,
        origin,
        output: () => out,
        alive: () => exited === null,
        async call(method, input = {}) {
          const res = await fetch(`${origin}/api/${method}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin, authorization: `Bearer ${secret}` },
            body: JSON.stringify(input),
          });
          return (await res.json()) as never;
        },
        async until(what, check, timeoutMs = 30_000) {
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            if (await check()) return;
            if (exited) throw new Error(`kiosk exited (${exited.code ?? exited.signal}) while waiting for ${what}:\n${out}`);
            if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${out}`);
            await new Promise((r) => setTimeout(r, 50));
          }
        },
        kill(signal = 'SIGTERM') {
          if (exited) return Promise.resolve(exited);
          return new Promise((done) => {
            exitWaiters.push(done);
            child.kill(signal);
          });
        },
      };
      ok(proc);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`kiosk exited with ${code} before it was ready:\n${out}`));
    });
  });
}

export async function simLedger(simUrl: string): Promise<SimLedger> {
  return SimLedger.parse(await (await fetch(`${simUrl}/__sim/ledger`)).json());
}

export async function simFaults(simUrl: string, config: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${simUrl}/__sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(config),
  });
  if (!res.ok) throw new Error(`faults: ${res.status}`);
}

/** Every ledger entry per local reference: exactly-once means each list has one entry. */
export function byLocalRef(ledger: SimLedger): Map<string, SimLedger['dossiers']> {
  const refs = new Map<string, SimLedger['dossiers']>();
  for (const d of ledger.dossiers) refs.set(d.localRef, [...(refs.get(d.localRef) ?? []), d]);
  return refs;
}
