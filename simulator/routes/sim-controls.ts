import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SimClock } from '../clock';
import type { SimClockState } from '../control-schemas';
import { FaultConfig, type Faults } from '../faults';
import { parseBody, sendFailure } from '../http';
import type { SmsGateway } from '../sms';

/**
 * Simulator-only controls under /__sim/: the SMS inbox, the clock, fault injection, reset.
 * Not part of the provincial API; the kiosk's real client never calls them.
 */
const ClockChange = z.union([
  z.object({ advanceSeconds: z.number().finite().min(-10 * 365 * 86400).max(10 * 365 * 86400) }).strict(),
  z.object({ set: z.string().datetime({ offset: true }) }).strict(),
]);

const InboxQuery = z.object({ to: z.string().regex(/^0\d{9}$/).optional() });

export function registerSimControls(
  app: FastifyInstance,
  deps: { clock: SimClock; sms: SmsGateway; faults: Faults; reset: () => void },
): void {
  const { clock, sms, faults } = deps;

  app.get('/__sim/sms', async (request, reply) => {
    const query = parseBody(InboxQuery, request.query ?? {});
    if (!query.ok) return sendFailure(reply, query.error);
    return { messages: sms.inbox(query.value.to) };
  });

  app.delete('/__sim/sms', async (_request, reply) => {
    sms.clearInbox();
    return reply.code(204).send();
  });

  const clockState = (): SimClockState => ({ now: clock.now().toISOString() });
  app.get('/__sim/clock', async () => clockState());

  app.post('/__sim/clock', async (request, reply) => {
    const change = parseBody(ClockChange, request.body);
    if (!change.ok) return sendFailure(reply, change.error);
    if ('advanceSeconds' in change.value) clock.advance(change.value.advanceSeconds);
    else clock.set(new Date(change.value.set));
    return clockState();
  });

  app.get('/__sim/faults', async () => faults.get());

  app.post('/__sim/faults', async (request, reply) => {
    const config = parseBody(FaultConfig, request.body);
    if (!config.ok) return sendFailure(reply, config.error);
    faults.set(config.value);
    return faults.get();
  });

  app.post('/__sim/reset', async (_request, reply) => {
    deps.reset();
    return reply.code(204).send();
  });
}
