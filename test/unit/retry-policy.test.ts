import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeliveryProblem } from '../../common/contract/outbox';
import { backoffDelay, decide, defaultRetryPolicy as policy, problemOf, type DeliveryFailure } from '../../main/services/sync/retry-policy';

const random = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const attempt = fc.integer({ min: 1, max: 1000 });

describe('retry policy', () => {
  it('network errors, timeouts, 5xx and 429 are retried within [250 ms, cap], never sooner than Retry-After', () => {
    const transient = fc.oneof(
      fc.constant<DeliveryFailure>({ kind: 'network' }),
      fc.constant<DeliveryFailure>({ kind: 'timeout' }),
      fc.record({ kind: fc.constant('api' as const), status: fc.integer({ min: 500, max: 599 }), code: fc.constant('internal' as const), retryAfterSeconds: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }) }),
      fc.record({ kind: fc.constant('api' as const), status: fc.constant(429), code: fc.constant('rate_limited' as const), retryAfterSeconds: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }) }),
    );
    fc.assert(
      fc.property(transient, attempt, random, (failure, n, r) => {
        const d = decide(failure, n, policy, () => r);
        expect(d.action).toBe('retry');
        if (d.action !== 'retry') return;
        const after = failure.kind === 'api' && failure.retryAfterSeconds !== undefined ? Math.min(policy.maxRetryAfterMs, failure.retryAfterSeconds * 1000) : 0;
        expect(d.delayMs).toBeGreaterThanOrEqual(Math.max(250, after));
        expect(d.delayMs).toBeLessThanOrEqual(Math.max(policy.maxDelayMs, after));
      }),
    );
  });

  it('the backoff ceiling doubles per attempt up to the cap (full jitter draws below it)', () => {
    expect(backoffDelay(1, policy, () => 0.999999)).toBeLessThan(policy.baseDelayMs);
    expect(backoffDelay(3, policy, () => 0.999999)).toBeGreaterThan(policy.baseDelayMs * 3.9);
    expect(backoffDelay(60, policy, () => 0.999999)).toBeLessThanOrEqual(policy.maxDelayMs);
    fc.assert(fc.property(attempt, random, (n, r) => {
      expect(backoffDelay(n, policy, () => r)).toBeLessThanOrEqual(policy.maxDelayMs);
    }));
  });

  it('4xx validation errors and key conflicts stop at once with the API message, for a clerk', () => {
    for (const code of ['invalid_request', 'idempotency_conflict'] as const) {
      const d = decide({ kind: 'api', status: code === 'invalid_request' ? 400 : 409, code, message: 'applicant.citizenId: wrong' }, 1, policy, () => 0.5);
      expect(d).toEqual({
        action: 'reject',
        reason: { code: 'refused', status: code === 'invalid_request' ? 400 : 409, apiCode: code, message: 'applicant.citizenId: wrong' },
      });
    }
    expect(decide({ kind: 'local', code: 'attachment_file_missing' }, 1, policy, () => 0.5)).toEqual({
      action: 'reject',
      reason: { code: 'attachment_file_missing' },
    });
  });

  it('a refused device credential or a lost upload waits rather than giving the dossier up', () => {
    expect(decide({ kind: 'api', status: 401, code: 'device_unauthorized' }, 1, policy, () => 0.1)).toMatchObject({ action: 'retry', delayMs: policy.maxDelayMs, apiDown: false });
    expect(decide({ kind: 'api', status: 422, code: 'attachment_missing' }, 2, policy, () => 0.1)).toMatchObject({ action: 'retry' });
  });

  it('words every failure as a reason code the clerk screen can explain, keeping the API status, code and message', () => {
    expect(problemOf({ kind: 'network' })).toEqual({ code: 'network' });
    expect(problemOf({ kind: 'timeout' })).toEqual({ code: 'timeout' });
    expect(problemOf({ kind: 'bad_response', status: 302 })).toEqual({ code: 'unexpected_response', status: 302 });
    expect(problemOf({ kind: 'bad_response', status: 0 })).toEqual({ code: 'unexpected_response' });
    expect(problemOf({ kind: 'api', status: 503, code: 'internal' })).toEqual({ code: 'api_unavailable', status: 503, apiCode: 'internal' });
    expect(problemOf({ kind: 'api', status: 429, code: 'rate_limited', retryAfterSeconds: 5 })).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(problemOf({ kind: 'api', status: 401, code: 'device_unauthorized', message: 'bad signature' })).toEqual({
      code: 'device_unauthorized',
      status: 401,
      apiCode: 'device_unauthorized',
      message: 'bad signature',
    });
    expect(problemOf({ kind: 'api', status: 422, code: 'attachment_missing' })).toMatchObject({ code: 'upload_lost' });
    expect(problemOf({ kind: 'api', status: 400, code: 'invalid_request', message: 'x'.repeat(2000) }).message).toHaveLength(500);
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 599 }), fc.constantFrom('invalid_request' as const, 'internal' as const, 'dossier_not_found' as const), fc.string(), (status, code, message) => {
        expect(DeliveryProblem.safeParse(problemOf({ kind: 'api', status, code, message })).success).toBe(true);
      }),
    );
  });

  it('only failures that mean "the API is down" count toward the circuit breaker', () => {
    expect(decide({ kind: 'network' }, 1, policy, () => 0.5)).toMatchObject({ apiDown: true });
    expect(decide({ kind: 'api', status: 503, code: 'internal' }, 1, policy, () => 0.5)).toMatchObject({ apiDown: true });
    expect(decide({ kind: 'api', status: 429, code: 'rate_limited' }, 1, policy, () => 0.5)).toMatchObject({ apiDown: false });
  });
});
