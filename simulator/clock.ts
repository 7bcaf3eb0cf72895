/**
 * The simulator's clock. It runs with real time (so a demo's OTP really expires after five
 * minutes) plus an offset that tests move, so expiry and cooldowns are tested without waiting.
 */
export interface SimClock {
  now(): Date;
  advance(seconds: number): void;
  set(date: Date): void;
}

export function buildSimClock(start?: Date, realNow: () => number = Date.now): SimClock {
  let offsetMs = start ? start.getTime() - realNow() : 0;
  return {
    now: () => new Date(realNow() + offsetMs),
    advance(seconds) {
      if (!Number.isFinite(seconds)) throw new RangeError('advance() needs a finite number of seconds');
      offsetMs += seconds * 1000;
    },
    set(date) {
      if (Number.isNaN(date.getTime())) throw new RangeError('set() needs a valid date');
      offsetMs = date.getTime() - realNow();
    },
  };
}

/** Whole seconds from `now` until `later`, rounded up so a client never retries one second early. */
export function secondsUntil(later: Date, now: Date): number {
  return Math.max(0, Math.ceil((later.getTime() - now.getTime()) / 1000));
}

export function addSeconds(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}
