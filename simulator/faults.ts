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
]);
export type FaultConfig = z.infer<typeof FaultConfig>;

export interface Faults {
  get(): FaultConfig;
  set(config: FaultConfig): void;
  reset(): void;
}

export function createFaults(): Faults {
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
      default:
        assertNever(fault);
    }
  });
}
