import type { Result } from '../../../common/result';

/**
 * Remembers what the kiosk's own health checks of the provincial API saw: how long the last one
 * took, and how far the API's clock (the `time` of its health answer) is from ours, measured at
 * the middle of the round trip. It wraps the `health` call the sync engine already makes, so
 * watching costs no extra request.
 */
export interface ApiObservation {
  latencySeconds: number | null;
  clockOffsetSeconds: number | null;
  at: number | null;
}

export function watchApiHealth<C extends { health(): Promise<Result<{ time: string }, unknown>> }>(
  client: C,
  now: () => number,
): { client: C; observed(): ApiObservation } {
  let seen: ApiObservation = { latencySeconds: null, clockOffsetSeconds: null, at: null };
  const health = async () => {
    const sent = now();
    const r = await client.health();
    const back = now();
    if (r.ok) {
      const apiTime = Date.parse(r.value.time);
      seen = {
        latencySeconds: (back - sent) / 1000,
        clockOffsetSeconds: Number.isNaN(apiTime) ? seen.clockOffsetSeconds : (apiTime - (sent + back) / 2) / 1000,
        at: back,
      };
    }
    return r;
  };
  return { client: { ...client, health }, observed: () => seen };
}
