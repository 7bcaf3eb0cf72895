import { createServer, type Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { Pushgateway } from 'prom-client';
import type { HeartbeatRequest, KioskHealth } from '../../../common/provincial/heartbeat-schemas';
import type { Logger } from '../../log';
import { KIOSK_ID_LABEL } from './metric-names';
import type { KioskMetrics } from './metrics';

/**
 * The three ways the kiosk's health leaves it, each off unless configured: a `/metrics` endpoint
 * on its own listener (never the citizen-facing web host), a periodic push to a Pushgateway, and
 * a heartbeat to the provincial API.
 */

/** Runs `work` now and then every `intervalMs`, one run at a time; a failed run waits for the next. */
export function every(intervalMs: number, work: () => Promise<void>): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const tick = () => {
    running ??= work()
      .catch(() => undefined)
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

export interface MetricsListener {
  url: string;
  close(): Promise<void>;
}

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** GET /metrics in Prometheus's text format; with a token, only for `Authorization: Bearer <token>`. */
export async function startMetricsListener(deps: {
  host: string;
  port: number;
  bearerToken?: string;
  metrics: KioskMetrics;
  logger: Logger;
}): Promise<MetricsListener> {
  const { metrics, logger } = deps;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found: the kiosk serves /metrics only.\n');
      return;
    }
    if (deps.bearerToken !== undefined) {
      const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (!sameSecret(given, deps.bearerToken)) {
        res.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
        return;
      }
    }
    metrics.render().then(
      (text) => {
        res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : text);
      },
      (e: unknown) => {
        logger.error('health.metrics_failed', { error: e instanceof Error ? e.name : typeof e });
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics unavailable\n');
      },
    );
  });
  server.keepAliveTimeout = 5000;
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port, deps.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('metrics listener is not on TCP');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  logger.info('health.metrics_listening', { port: address.port });
  return {
    url: `http://${host}:${address.port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** PUT to `<url>/metrics/job/<job>/kiosk_id/<kioskId>` every interval: the kiosk's group only, replaced whole. */
export function startPushLoop(deps: {
  url: string;
  job: string;
  kioskId: string;
  intervalMs: number;
  timeoutMs: number;
  metrics: KioskMetrics;
  logger: Logger;
}): { stop(): Promise<void> } {
  const { metrics, logger } = deps;
  const gateway = new Pushgateway(deps.url, { timeout: deps.timeoutMs }, metrics.registry);
  let failing = false;
  return every(deps.intervalMs, async () => {
    try {
      await metrics.refresh();
      await gateway.push({ jobName: deps.job, groupings: { [KIOSK_ID_LABEL]: deps.kioskId } });
      if (failing) logger.info('health.push_recovered');
      failing = false;
    } catch (e) {
      // Logged once per outage, not once a minute.
      if (!failing) logger.warn('health.push_failed', { error: e instanceof Error ? e.name : typeof e });
      failing = true;
    }
  });
}

/** The heartbeat to the provincial API: the same snapshot the metrics show. */
export function startHeartbeatLoop(deps: {
  intervalMs: number;
  health: () => Promise<KioskHealth>;
  send: (body: HeartbeatRequest) => Promise<{ ok: boolean }>;
  now: () => number;
  logger: Logger;
}): { stop(): Promise<void> } {
  let failing = false;
  return every(deps.intervalMs, async () => {
    const health = await deps.health();
    const sent = await deps.send({ sentAt: new Date(deps.now()).toISOString(), health });
    if (!sent.ok && !failing) deps.logger.info('health.heartbeat_failed');
    if (sent.ok && failing) deps.logger.info('health.heartbeat_recovered');
    failing = !sent.ok;
  });
}
