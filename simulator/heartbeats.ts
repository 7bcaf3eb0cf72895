import type { HeartbeatRequest } from '../common/provincial/heartbeat-schemas';
import type { SimClock } from './clock';
import type { SimHeartbeat } from './control-schemas';

/**
 * The heartbeats kiosks sent, newest last, as the province's own system would keep them: which
 * device sent it, when it arrived, and the health it carried. Tests read them at /__sim/heartbeats.
 */
export type ReceivedHeartbeat = SimHeartbeat;

export interface HeartbeatLog {
  record(deviceId: string, heartbeat: HeartbeatRequest): ReceivedHeartbeat;
  list(): ReceivedHeartbeat[];
  reset(): void;
}

/** Enough for a test run or a day of demo; the oldest go first. */
const KEEP = 1000;

export function buildHeartbeatLog(clock: SimClock): HeartbeatLog {
  let received: ReceivedHeartbeat[] = [];
  return {
    record(deviceId, heartbeat) {
      const entry = { deviceId, receivedAt: clock.now().toISOString(), heartbeat };
      received.push(entry);
      if (received.length > KEEP) received = received.slice(-KEEP);
      return entry;
    },
    list: () => [...received],
    reset() {
      received = [];
    },
  };
}
