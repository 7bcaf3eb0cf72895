import { kioskError, type KioskError } from '../common/errors';
import { SimSmsInbox, type SimSmsMessage } from '../common/provincial/schemas';
import { err, ok, type Result } from '../common/result';
import type { DemoPhone } from '../main/startup/demo-parts';

/**
 * DEMO mode only: a person trying the kiosk has no phone that receives the simulator's SMS, so
 * the kiosk shows them what the simulator's SMS sandbox delivered. This reads the simulator's
 * `/__sim/sms`; the kiosk's real provincial client has no such call.
 *
 * The demo phone belongs to the visit: when a visit ends, every message sent so far is hidden,
 * so the next person at the kiosk sees none of the earlier phone numbers and codes.
 */
export function buildDemoPhone(simulatorUrl: string): DemoPhone {
  let hidden = new Set<string>();

  async function fetchInbox(): Promise<Result<SimSmsMessage[], KioskError>> {
    try {
      const res = await fetch(new URL('/__sim/sms', simulatorUrl), { signal: AbortSignal.timeout(3000) });
      const body = SimSmsInbox.safeParse(await res.json());
      if (!res.ok || !body.success) return err(kioskError('api_error'));
      return ok(body.data.messages);
    } catch {
      return err(kioskError('network_unavailable'));
    }
  }

  return {
    async inbox() {
      const r = await fetchInbox();
      return r.ok ? ok({ messages: r.value.filter((m) => !hidden.has(m.id)).slice(0, 20) }) : r;
    },
    async forgetShown() {
      const r = await fetchInbox();
      // Only what the sandbox still returns can be shown, so only that needs hiding.
      if (r.ok) hidden = new Set(r.value.map((m) => m.id));
    },
  };
}
