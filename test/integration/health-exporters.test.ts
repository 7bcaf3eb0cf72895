import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDemoKiosk } from '../support/demo-kiosk';
import { buildLogger, silentLogger } from '../../main/log';
import { startMetricsListener } from '../../main/services/health/exporters';
import { buildKioskMetrics } from '../../main/services/health/metrics';
import type { KioskHealth } from '../../common/provincial/heartbeat-schemas';
import { demoRequestCore } from '../../demo/demo-device';

const health: KioskHealth = {
  kioskId: 'EXP-01',
  build: { version: '1.0.0', channel: null, electron: null, node: '20.0.0' },
  startedAt: new Date(0).toISOString(),
  outbox: { waiting: 0, sending: 0, needsAttention: 0, oldestWaitingAgeSeconds: null, lastDeliveryAt: null },
  api: { reachable: true, latencySeconds: null, clockOffsetSeconds: null },
  disk: { freeBytes: null, floorBytes: null },
  printer: null,
  counts: { visits: 0, dossiers: 0, complaints: 0 },
  update: null,
  staff: { windowSeconds: 86400, unlocks: 0, failedPins: 0, lockouts: 0, reprints: 0, retries: 0, lookups: 0, lastLockoutAt: null },
};

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the /metrics listener', () => {
  it('serves /metrics only, and with a token only to a caller who sends it', async () => {
    const metrics = buildKioskMetrics({ kioskId: 'EXP-01', health: async () => health });
    const token = 'a-long-scrape-token-0123';
    const listener = await startMetricsListener({
      host: '127.0.0.1',
      port: 0,
      bearerToken: token,
      metrics,
      logger: silentLogger,
    });
    try {
      expect((await fetch(listener.url)).status).toBe(401);
      expect((await fetch(listener.url, { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
      const ok = await fetch(listener.url, { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(await ok.text()).toMatch(/^kiosk_build_info\{/m);
      expect(
        (await fetch(listener.url.replace('/metrics', '/api/kiosk.info'), { headers: { authorization: `Bearer ${token}` } }))
          .status,
      ).toBe(404);
      expect((await fetch(listener.url, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(405);
    } finally {
      await listener.close();
    }
  });

  it('a metrics port already taken is logged and the kiosk still starts', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as { port: number }).port;
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-metrics-port-'));
    dirs.push(dir);
    const configFile = join(dir, 'kiosk.config.json');
    writeFileSync(
      configFile,
      JSON.stringify({ monitoring: { metrics: { host: '127.0.0.1', port }, heartbeatIntervalSeconds: 0 } }),
    );
    const lines: string[] = [];
    const backend = await startDemoKiosk({
      dir,
      config: configFile,
      env: {},
      logger: buildLogger({ write: (l) => lines.push(l) }),
    });
    try {
      expect(backend.health.metricsUrl).toBeNull();
      expect(lines.some((l) => l.includes('"event":"health.metrics_listen_failed"') && l.includes('EADDRINUSE'))).toBe(true);
      expect(await backend.dispatch('kiosk.info', {})).toMatchObject({ ok: true });
    } finally {
      await backend.close();
      await new Promise((r) => taken.close(r));
    }
  });
});

describe('POST /v1/kiosks/heartbeat on the simulator', () => {
  it('records a signed heartbeat, and refuses an unsigned one or one with a field the schema does not have', async () => {
    const { startSimulator } = await import('../../simulator/server');
    const { buildDeviceClient } = await import('../../main/services/provincial-api/device-client');
    const { DEMO_DEVICE } = await import('../../simulator/seed/devices');
    const sim = await startSimulator({ port: 0 });
    try {
      const client = buildDeviceClient(demoRequestCore(sim.url, { timeoutMs: 5000, logger: silentLogger }));
      const sent = await client.heartbeat({ sentAt: new Date().toISOString(), health });
      expect(sent.ok).toBe(true);
      const unsigned = await fetch(`${sim.url}/v1/kiosks/heartbeat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sentAt: new Date().toISOString(), health }),
      });
      expect(unsigned.status).toBe(401);
      const extra = await client.heartbeat({
        sentAt: new Date().toISOString(),
        health: { ...health, citizenName: 'Nguyễn Thị Hồng Nhung' } as KioskHealth,
      });
      expect(extra.ok ? 200 : extra.error.kind === 'api' && extra.error.status).toBe(400);
      const log = (await (await fetch(`${sim.url}/__sim/heartbeats`)).json()) as { heartbeats: Array<{ deviceId: string }> };
      expect(log.heartbeats.map((h) => h.deviceId)).toEqual([DEMO_DEVICE.id]);
    } finally {
      await sim.close();
    }
  });
});
