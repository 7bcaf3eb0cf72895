import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { assertNever } from '../common/result';
import type { Logger } from '../main/log';
import { failure } from './failure';

/**
 * Fault injection for the provincial API routes (/v1 only: the /__sim controls keep working so a
 * test can switch a fault off again). Simulator only — not part of the provincial API.
 */
export const FaultConfig = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('none') }).strict(),
  z.object({ mode: z.literal('down') }).strict(),
  z.object({ mode: z.literal('error'), errorRate: z.number().min(0).max(1) }).strict(),
  z.object({ mode: z.literal('latency'), latencyMs: z.number().int().min(0).max(120_000) }).strict(),
  z.object({ mode: z.literal('drop') }).strict(),
  /**
   * Several faults at once, each on its own share of /v1 requests (the flaky-network and crash
   * tests): 500s, 429s with Retry-After, sockets dropped before the handler runs (the API never
   * saw it) or after it committed (the API did it, the client never heard), added latency before
   * and after the handler, and uploads read at a throttled rate.
   */
  z
    .object({
      mode: z.literal('flaky'),
      errorRate: z.number().min(0).max(1).default(0),
      rateLimitRate: z.number().min(0).max(1).default(0),
      retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
      dropRequestRate: z.number().min(0).max(1).default(0),
      dropResponseRate: z.number().min(0).max(1).default(0),
      latencyMs: z.number().int().min(0).max(120_000).default(0),
      responseLatencyMs: z.number().int().min(0).max(120_000).default(0),
      uploadBytesPerSecond: z.number().int().min(1024).max(1024 ** 3).optional(),
    })
    .strict(),
]);
export type FaultConfig = z.infer<typeof FaultConfig>;

export interface Faults {
  get(): FaultConfig;
  set(config: FaultConfig): void;
  reset(): void;
}

export function buildFaults(): Faults {
  let current: FaultConfig = { mode: 'none' };
  return {
    get: () => current,
    set(config) {
      current = config;
    },
    reset() {
      current = { mode: 'none' };
    },
  };
}

const isProvincialRoute = (url: string) => url === '/v1' || url.startsWith('/v1/');

export function installFaults(
  app: FastifyInstance,
  faults: Faults,
  deps: { logger: Logger; random?: () => number },
): void {
  const random = deps.random ?? Math.random;
  // Pending latency sleeps must not hold a closing server open.
  const closing = new AbortController();
  app.addHook('onClose', async () => closing.abort());

  app.addHook('onRequest', async (request, reply) => {
    if (!isProvincialRoute(request.url)) return;
    const fault = faults.get();
    switch (fault.mode) {
      case 'none':
        return;
      case 'down': {
        const { status, body } = failure(503, 'internal', 'Service temporarily unavailable.');
        return reply.code(status).header('retry-after', '30').send(body);
      }
      case 'error': {
        if (random() >= fault.errorRate) return;
        const { status, body } = failure(500, 'internal', 'Internal server error (injected).');
        return reply.code(status).send(body);
      }
      case 'latency':
        await sleep(fault.latencyMs, undefined, { signal: closing.signal }).catch(() => undefined);
        return;
      case 'drop':
        deps.logger.debug('sim.fault.dropped_connection');
        reply.hijack();
        request.raw.socket.destroy();
        return;
      case 'flaky': {
        if (fault.latencyMs > 0) await sleep(fault.latencyMs, undefined, { signal: closing.signal }).catch(() => undefined);
        if (random() < fault.dropRequestRate) {
          reply.hijack();
          request.raw.socket.destroy();
          return;
        }
        if (random() < fault.errorRate) {
          const { status, body } = failure(500, 'internal', 'Internal server error (injected).');
          return reply.code(status).send(body);
        }
        if (random() < fault.rateLimitRate) {
          const { status, body } = failure(429, 'rate_limited', 'Too many requests (injected).', {
            retryAfterSeconds: fault.retryAfterSeconds,
          });
          return reply.code(status).header('retry-after', String(fault.retryAfterSeconds)).send(body);
        }
        return;
      }
      default:
        assertNever(fault);
    }
  });

  // After the handler: whatever it did is committed. Delaying or cutting the answer here is the
  // window a client must survive ("the API has it, the kiosk never heard").
  app.addHook('onSend', async (request, reply, payload) => {
    const fault = faults.get();
    if (fault.mode !== 'flaky' || !isProvincialRoute(request.url) || reply.statusCode >= 400) return payload;
    if (fault.responseLatencyMs > 0) {
      await sleep(fault.responseLatencyMs, undefined, { signal: closing.signal }).catch(() => undefined);
    }
    if (random() < fault.dropResponseRate) {
      deps.logger.debug('sim.fault.dropped_response');
      request.raw.socket.destroy();
    }
    return payload;
  });
}

/** Bytes per second an upload is read at under the current fault, or null for full speed. */
export function uploadRate(faults: Faults): number | null {
  const fault = faults.get();
  return fault.mode === 'flaky' ? (fault.uploadBytesPerSecond ?? null) : null;
}
