import type { Result } from '../../../common/result';

/**
 * Remembers how long the kiosk's own health checks of the provincial API took. It wraps the
 * `health` call the sync engine already makes, so watching costs no extra request. (The API's
 * clock offset is measured on every answer by the request core: provincial-api/api-clock.ts.)
 */
export interface ApiObservation {
  latencySeconds: number | null;
  at: number | null;
}

export function watchApiHealth<C extends { health(): Promise<Result<{ time: string }, unknown>> }>(
  client: C,
  now: () => number,
): { client: C; observed(): ApiObservation } {
  let seen: ApiObservation = { latencySeconds: null, at: null };
  const health = async () => {
    const sent = now();
    const r = await client.health();
    const back = now();
    if (r.ok) seen = { latencySeconds: (back - sent) / 1000, at: back };
    return r;
  };
  return { client: { ...client, health }, observed: () => seen };
}
