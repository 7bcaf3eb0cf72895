import { kioskError, type KioskError } from '../../../common/errors';
import { SimSmsInbox, type SimSmsMessage } from '../../../common/provincial/schemas';
import { err, ok, type Result } from '../../../common/result';

/**
 * Demo mode only: a person trying the kiosk has no phone that receives the simulator's SMS, so
 * the kiosk shows them what the simulator's SMS sandbox delivered. This reads the simulator's
 * `/__sim/sms`; the real provincial client has no such call.
 */
export interface DemoPhone {
  inbox(): Promise<Result<{ messages: SimSmsMessage[] }, KioskError>>;
}

export function buildDemoPhone(simulatorUrl: string): DemoPhone {
  return {
    async inbox() {
      try {
        const res = await fetch(new URL('/__sim/sms', simulatorUrl), { signal: AbortSignal.timeout(3000) });
        const body = SimSmsInbox.safeParse(await res.json());
        if (!res.ok || !body.success) return err(kioskError('api_error'));
        return ok({ messages: body.data.messages.slice(0, 20) });
      } catch {
        return err(kioskError('network_unavailable'));
      }
    },
  };
}
