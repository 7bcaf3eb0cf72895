import { describe, expect, it } from 'vitest';
import { buildCircuitBreaker } from '../../main/services/sync/circuit-breaker';

describe('circuit breaker', () => {
  it('opens after 5 failures in a row, stays open longer after each failed probe (capped), closes on success', () => {
    let now = 0;
    const c = buildCircuitBreaker({ now: () => now, threshold: 5, openMs: 1000, maxOpenMs: 4000 });
    for (let i = 0; i < 4; i++) c.failure();
    expect(c.state()).toBe('closed');
    c.failure();
    expect([c.state(), c.probeAt()]).toEqual(['open', 1000]);
    now = 1000;
    c.probeFailed();
    expect(c.probeAt()).toBe(3000);
    now = 3000;
    c.probeFailed();
    c.probeFailed();
    expect(c.probeAt() - now).toBe(4000);
    c.success();
    expect(c.state()).toBe('closed');
  });
});
