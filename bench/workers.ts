import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/**
 * Long-lived benchmark processes. Each contender of the drain runs in a process of its own that
 * stays up across rounds, so its JIT warms up the way a kiosk's does, and none of them shares an
 * event loop or a heap with another. The parent sends one request at a time over the IPC channel
 * and waits for its reply.
 */
export interface Worker {
  readonly pid: number;
  /** What the worker said when it was ready (a server's URL). */
  readonly ready: unknown;
  call<T>(request: WorkerRequest): Promise<T>;
  close(): Promise<void>;
}

export type WorkerRequest = { op: string } & Record<string, unknown>;

type Reply = { ok: true; value: unknown } | { ok: false; error: string };

/** Starts `bundle --child <role> ...args` with an IPC channel (the bench bundle dispatches on --child). */
export function startWorker(bundle: string, role: string, args: string[] = []): Promise<Worker> {
  const child: ChildProcess = fork(bundle, ['--child', role, ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let pending: { resolve(v: unknown): void; reject(e: Error): void } | null = null;
  let exited = false;
  child.on('message', (m: Reply) => {
    const p = pending;
    pending = null;
    if (!p) return;
    if (m.ok) p.resolve(m.value);
    else p.reject(new Error(`${role}: ${m.error}`));
  });
  child.once('exit', (code, signal) => {
    exited = true;
    pending?.reject(new Error(`${role} exited (${code ?? signal})`));
    pending = null;
  });
  const worker: Worker & { ready: unknown } = {
    pid: child.pid!,
    ready: null,
    call<T>(request: WorkerRequest) {
      if (exited) return Promise.reject(new Error(`${role} is not running`));
      if (pending) return Promise.reject(new Error(`${role} is busy`));
      return new Promise<T>((resolve, reject) => {
        pending = { resolve: resolve as (v: unknown) => void, reject };
        child.send(request);
      });
    },
    async close() {
      if (exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    },
  };
  // The worker says it is ready (servers: once listening) with its first reply.
  return new Promise((resolve, reject) => {
    pending = {
      resolve: (value) => {
        worker.ready = value;
        resolve(worker);
      },
      reject,
    };
  });
}

/**
 * BENCH_CPU_PROF=<dir>: each timed request of a worker is profiled on its own (V8's sampling
 * profiler, started and stopped around the request), written as <dir>/<role>-<op>-<n>.cpuprofile
 * for Chrome DevTools or any .cpuprofile reader: where the time goes, without the set-up around it.
 */
async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(dir, `${name}-${Date.now()}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

/** Child side: answers each request with its handler's value (or its error's message). */
export function serveWorker(handlers: Record<string, (request: WorkerRequest) => Promise<unknown>>, ready: unknown = null, role = process.argv[process.argv.indexOf('--child') + 1] ?? 'worker'): void {
  const send = (reply: Reply) => process.send!(reply);
  process.on('message', (request: WorkerRequest) => {
    const handler = handlers[request.op];
    if (!handler) return send({ ok: false, error: `unknown op ${request.op}` });
    const untimed = request.op === 'fill';
    (untimed ? handler(request) : profiled(`${role}-${request.op}`, () => handler(request))).then(
      (value) => send({ ok: true, value }),
      (e: unknown) => send({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
    );
  });
  process.once('SIGTERM', () => process.exit(0));
  send({ ok: true, value: ready });
}
