import type { Logger } from '../../log';
import type { ApiClock } from './types';

/** Beyond this the kiosk's clock is wrong enough for IT to fix it (NTP): health and diagnostics say so. */
export const CLOCK_WARNING_MS = 60_000;

/**
 * Measures how far the kiosk's clock is from the API's, from the Date header every answer carries.
 * A Date header has whole seconds and is truncated, so the API's time when it answered is its
 * value plus half a second, give or take half a second; the kiosk's matching moment is halfway
 * between sending and receiving. Slow answers (a congested link) measure badly: one that took
 * longer than `maxRoundTripMs` is ignored unless nothing better was ever seen.
 *
 * Decided: the kiosk signs requests with its own clock corrected by this offset (`now()`), so a
 * drifted clock (a dead CMOS battery, a kiosk that never synced) does not stop every delivery for
 * "clock skew" with no one told. The offset comes from the API over TLS, the same party that
 * checks the signature's time, so trusting it gives an attacker nothing new. Everything else —
 * receipts, logs, the outbox's timestamps, TLS certificate checks — uses the machine's clock,
 * which is why the README asks for NTP and the kiosk warns IT beyond a minute.
 */
export function buildApiClock(opts: { now?: () => number; maxRoundTripMs?: number; logger?: Logger } = {}): ApiClock {
  const localNow = opts.now ?? Date.now;
  const maxRoundTripMs = opts.maxRoundTripMs ?? 5_000;
  let offset: number | null = null;
  let warned = false;
  // Said once when the offset goes beyond a minute, and once when it is back: IT reads the log.
  const report = () => {
    const off = offset !== null && Math.abs(offset) > CLOCK_WARNING_MS;
    if (off === warned) return;
    warned = off;
    const fields = { offsetSeconds: Math.round((offset ?? 0) / 1000) };
    if (off) opts.logger?.warn('clock.offset_large', { ...fields, hint: 'synchronise the kiosk clock (NTP)' });
    else opts.logger?.info('clock.offset_ok', fields);
  };
  return {
    now: () => localNow() + (offset ?? 0),
    observe(dateHeader, sentAtMs, receivedAtMs) {
      if (!dateHeader) return;
      const apiMs = Date.parse(dateHeader);
      if (Number.isNaN(apiMs)) return;
      if (receivedAtMs - sentAtMs > maxRoundTripMs && offset !== null) return;
      offset = Math.round(apiMs + 500 - (sentAtMs + receivedAtMs) / 2);
      report();
    },
    offsetMs: () => offset,
  };
}
