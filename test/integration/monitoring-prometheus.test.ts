import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { requireBinaries } from '../support/prometheus-binaries';
import { kioskHttp, logIn, submitDossier, type KioskHttp } from '../support/kiosk-http';

/**
 * The province's monitoring, for real: Debian's Prometheus scrapes a running kiosk
 * (out/main/web.js) on its /metrics listener and, through Debian's Pushgateway, receives the same
 * kiosk's pushes. Dossiers queue while the provincial API (the simulator) is down and drain when
 * it returns, and the test reads the backlog back through Prometheus's HTTP query API both ways.
 */
const root = resolve(__dirname, '../..');
const web = join(root, process.env.KIOSK_OUT ?? 'out', 'main', 'web.js');
const { found, skip } = requireBinaries('prometheus', 'prometheus-pushgateway');
const KIOSK_ID = 'PROM-IT-01';
const samples = join(root, 'resources/sample-documents');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

interface Proc {
  child: ChildProcess;
  output: () => string;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Proc {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out };
}

async function stop(p: Proc | undefined): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  await new Promise<void>((ok) => {
    p.child.once('exit', () => ok());
    p.child.kill('SIGTERM');
    setTimeout(() => p.child.kill('SIGKILL'), 5000).unref();
  });
}

/** What the last poll saw, for the failure message. */
let seen: unknown;

/** Polls until `check` returns a value (not undefined), or fails with what was last seen. */
async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (!(last instanceof Error)) last = seen;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function ready(url: string): Promise<true | undefined> {
  const r = await fetch(url);
  return r.ok ? true : undefined;
}

let dir: string;
let sim: RunningSimulator;
let gateway: Proc;
let prometheus: Proc;
let kioskProc: Proc;
let kiosk: KioskHttp;
let promUrl: string;
let metricsAddress: string;
let gatewayAddress: string;
let usb: string;

async function query(expr: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
  const r = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await r.json()) as {
    status: string;
    data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
  };
  if (body.status !== 'success') throw new Error(`query ${expr}: ${JSON.stringify(body)}`);
  return body.data.result;
}

/** Why Prometheus has nothing yet: its targets and their last scrape errors. */
async function targetHealth(): Promise<unknown> {
  const body = (await (await fetch(`${promUrl}/api/v1/targets`)).json()) as {
    data: { activeTargets: Array<{ scrapeUrl: string; health: string; lastError: string }> };
  };
  return body.data.activeTargets.map((t) => `${t.scrapeUrl} ${t.health} ${t.lastError}`);
}

/** The value Prometheus holds for the waiting backlog, as scraped and as pushed. */
async function backlog(): Promise<{ scraped: number | undefined; pushed: number | undefined }> {
  const series = await query(`kiosk_outbox_submissions{state="waiting", kiosk_id="${KIOSK_ID}"}`);
  // A pushed series keeps the kiosk's own labels (honor_labels): no instance, job "kiosk".
  const of = (instance: string | undefined) => series.find((s) => s.metric.instance === instance)?.value[1];
  const n = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  seen = series.length > 0 ? series.map((s) => ({ ...s.metric, value: s.value[1] })) : await targetHealth();
  return { scraped: n(of(metricsAddress)), pushed: n(of(undefined)) };
}

describe.skipIf(skip !== null)(`Prometheus and the Pushgateway read a running kiosk${skip ? ` (skipped: ${skip})` : ''}`, () => {
  beforeAll(async () => {
    if (!existsSync(web)) throw new Error(`${web} is missing: run npm run build first`);
    dir = mkdtempSync(join(tmpdir(), 'kiosk-prom-'));
    usb = join(dir, 'usb');
    mkdirSync(usb);

    sim = await startSimulator({ port: 0 });

    const gatewayPort = await freePort();
    gatewayAddress = `127.0.0.1:${gatewayPort}`;
    gateway = run(found['prometheus-pushgateway'], [`--web.listen-address=${gatewayAddress}`]);
    await eventually('the Pushgateway', () => ready(`http://${gatewayAddress}/-/ready`), 20_000);

    const metricsPort = await freePort();
    metricsAddress = `127.0.0.1:${metricsPort}`;
    const config = join(dir, 'kiosk.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        kioskId: KIOSK_ID,
        keyboard: 'never',
        attachments: { folders: [{ id: 'usb', label: 'USB', path: usb }] },
        sync: { healthIntervalSeconds: 1 },
        monitoring: {
          metrics: { host: '127.0.0.1', port: metricsPort },
          pushgateway: { url: `http://${gatewayAddress}`, intervalSeconds: 5 },
          heartbeatIntervalSeconds: 0,
        },
      }),
    );
    kioskProc = run(process.execPath, [web, '--demo', '--port', '0'], {
      KIOSK_CONFIG: config,
      KIOSK_DATA_DIR: join(dir, 'data'),
      KIOSK_API_BASE_URL: sim.url,
    });
    const url = await eventually('the kiosk', async () => /Kiosk ready: (\S+)/.exec(kioskProc.output())?.[1], 20_000);
    kiosk = kioskHttp(url);

    const promPort = await freePort();
    promUrl = `http://127.0.0.1:${promPort}`;
    const promConfig = join(dir, 'prometheus.yml');
    // The same two jobs as deploy/monitoring/prometheus.example.yml, scraped every second.
    writeFileSync(
      promConfig,
      [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        'rule_files: ["' + join(root, 'deploy/monitoring/kiosk-alerts.yml') + '"]',
        'scrape_configs:',
        '  - job_name: kiosk',
        `    static_configs: [{ targets: ["${metricsAddress}"] }]`,
        '  - job_name: kiosk-pushgateway',
        '    honor_labels: true',
        `    static_configs: [{ targets: ["${gatewayAddress}"] }]`,
        '',
      ].join('\n'),
    );
    prometheus = run(found.prometheus, [
      `--config.file=${promConfig}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
      `--storage.tsdb.path=${join(dir, 'tsdb')}`,
    ]);
    await eventually('Prometheus', () => ready(`${promUrl}/-/ready`), 30_000);
  }, 120_000); // Long: real Prometheus, Pushgateway and kiosk processes start one after another.

  afterAll(async () => {
    await Promise.all([stop(prometheus), stop(kioskProc), stop(gateway)]);
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('sees dossiers queue while the API is down and drain when it is back, scraped and pushed alike', async () => {
    // Both ways in: the kiosk is scraped, and its pushes reach Prometheus through the gateway.
    await eventually('both series at 0', async () => {
      const b = await backlog();
      return b.scraped === 0 && b.pushed === 0 ? b : undefined;
    });
    const info = await query(`kiosk_build_info{kiosk_id="${KIOSK_ID}"}`);
    expect(info.length).toBeGreaterThan(0);
    expect(info[0]!.metric.version).toMatch(/^\d+\.\d+\.\d+/);

    await logIn(kiosk, sim.url);
    await kiosk.call('catalog.procedures', {});
    await kiosk.call('catalog.agencies', { procedureCode: '1.001193' }).catch(() => undefined);

    // The office's connection goes: the API answers nothing.
    await fetch(`${sim.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'down' }),
    });
    for (let i = 0; i < 3; i++) {
      const r = await submitDossier(kiosk, {
        folder: { id: 'usb', path: usb },
        files: {
          d1: join(samples, 'to-khai-mau.pdf'),
          d2: join(samples, 'giay-chung-sinh-mau.jpg'),
          d6: join(samples, 'giay-chung-sinh-mau.jpg'),
        },
      });
      expect(r.status).toBe('queued');
    }

    const queued = await eventually('a backlog of 3, scraped and pushed', async () => {
      const b = await backlog();
      return b.scraped === 3 && b.pushed === 3 ? b : undefined;
    });
    expect(queued).toEqual({ scraped: 3, pushed: 3 });
    await eventually('the API seen as down', async () =>
      (await query(`kiosk_api_up{kiosk_id="${KIOSK_ID}", instance="${metricsAddress}"}`))[0]?.value[1] === '0' ? true : undefined,
    );
    const age = await query(`kiosk_outbox_oldest_waiting_age_seconds{kiosk_id="${KIOSK_ID}", instance="${metricsAddress}"}`);
    expect(Number(age[0]!.value[1])).toBeGreaterThan(0);

    // The API comes back: the kiosk drains by itself.
    await fetch(`${sim.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'none' }),
    });
    await eventually('the backlog drained, scraped and pushed', async () => {
      const b = await backlog();
      return b.scraped === 0 && b.pushed === 0 ? b : undefined;
    });
    const submitted = await query(
      `kiosk_submissions_total{kind="dossier", kiosk_id="${KIOSK_ID}", instance="${metricsAddress}"}`,
    );
    expect(submitted[0]!.value[1]).toBe('3');
    const delivered = await query(
      `time() - kiosk_outbox_last_delivery_timestamp_seconds{kiosk_id="${KIOSK_ID}", instance="${metricsAddress}"}`,
    );
    expect(Number(delivered[0]!.value[1])).toBeLessThan(120);
    // The gateway stamps each push: what the KioskSilent rule relies on for pushing kiosks.
    const pushed = await query(`time() - push_time_seconds{job="kiosk", kiosk_id="${KIOSK_ID}"}`);
    expect(Number(pushed[0]!.value[1])).toBeLessThan(60);
    // The rules loaded into this Prometheus are the ones IT deploys.
    const rules = (await (await fetch(`${promUrl}/api/v1/rules`)).json()) as {
      data: { groups: Array<{ rules: Array<{ name: string; health: string }> }> };
    };
    const loaded = rules.data.groups.flatMap((g) => g.rules);
    expect(loaded.map((r) => r.name)).toContain('KioskBacklogOld');
    expect(loaded.every((r) => r.health !== 'err')).toBe(true);
  }, 120_000); // Long: real Prometheus loads the rules and scrapes the kiosk.
});
