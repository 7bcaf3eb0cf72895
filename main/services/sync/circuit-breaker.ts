/**
 * Stops a kiosk hammering an API that is down. After `threshold` failures in a row that point
 * at the API (network, timeout, 5xx) the circuit opens: no deliveries, only a health probe when
 * the open period ends. A good probe closes it and the queue drains at once; a bad one opens it
 * again for longer (doubling, capped).
 */
export type CircuitState = 'closed' | 'open';

export interface CircuitBreaker {
  state(): CircuitState;
  /** When an open circuit may be probed again (ms). */
  probeAt(): number;
  success(): void;
  failure(): void;
  /** The probe failed: stay open, longer. */
  probeFailed(): void;
  reset(): void;
}

export function buildCircuitBreaker(opts: {
  now: () => number;
  threshold?: number;
  openMs?: number;
  maxOpenMs?: number;
}): CircuitBreaker {
  const threshold = opts.threshold ?? 5;
  const baseOpenMs = opts.openMs ?? 5_000;
  const maxOpenMs = opts.maxOpenMs ?? 60_000;
  let failures = 0;
  let state: CircuitState = 'closed';
  let openFor = baseOpenMs;
  let until = 0;

  const open = () => {
    state = 'open';
    until = opts.now() + openFor;
  };
  return {
    state: () => state,
    probeAt: () => until,
    success() {
      failures = 0;
      state = 'closed';
      openFor = baseOpenMs;
    },
    failure() {
      failures += 1;
      if (state === 'closed' && failures >= threshold) open();
    },
    probeFailed() {
      if (state === 'open') openFor = Math.min(maxOpenMs, openFor * 2);
      open();
    },
    reset() {
      failures = 0;
      state = 'closed';
      openFor = baseOpenMs;
      until = 0;
    },
  };
}
