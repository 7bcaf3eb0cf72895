import type { DeliveryProblem } from '../../../common/contract/outbox';
import type { ClientError } from '../provincial-api/types';

/** How long retries wait: the backoff's base and cap, and the longest Retry-After believed. */
export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Retry-After is honoured up to this much; a longer one is an API bug, not a plan. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  baseDelayMs: 2_000,
  maxDelayMs: 5 * 60_000,
  maxRetryAfterMs: 60 * 60_000,
};

/** A stored file that is gone, or no longer the bytes on record: no retry can mend it. */
export type DeliveryFailure = ClientError | { kind: 'local'; code: 'attachment_file_missing' | 'attachment_damaged' };

export type Decision =
  | {
      action: 'retry';
      delayMs: number;
      reason: DeliveryProblem;
      /** Counts toward the circuit breaker: the API (or the way to it) looks down. */
      apiDown: boolean;
    }
  | { action: 'reject'; reason: DeliveryProblem };

/** Never retry sooner than this: a zero draw would otherwise mean a hot loop. */
const MIN_DELAY_MS = 250;

export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
  return Math.max(MIN_DELAY_MS, Math.floor(random() * exp));
}

/** The failure as the clerk's screen shows it; the API's own message is kept, shortened. */
export function problemOf(f: DeliveryFailure): DeliveryProblem {
  switch (f.kind) {
    case 'network':
    case 'timeout':
      return { code: f.kind };
    case 'bad_response':
      return { code: 'unexpected_response', ...(f.status > 0 && { status: f.status }) };
    case 'local':
      return { code: f.code };
    case 'not_enrolled':
      return { code: 'device_not_enrolled' };
    case 'api': {
      const said = { status: f.status, apiCode: f.code, ...(f.message && { message: f.message.slice(0, 500) }) };
      if (f.status === 429 || f.code === 'rate_limited') return { code: 'rate_limited', ...said };
      if (f.status >= 500) return { code: 'api_unavailable', ...said };
      if (f.code === 'device_unauthorized' || f.code === 'device_revoked' || f.code === 'clock_skew') return { code: f.code, ...said };
      if (f.code === 'attachment_missing') return { code: 'upload_lost', ...said };
      return { code: 'refused', ...said };
    }
    default:
      return f satisfies never;
  }
}

/**
 * What to do after a delivery attempt failed: a pure function of the failure, the attempt number
 * and a random draw, so tests can sweep it. Network trouble, timeouts, 5xx and 429 are retried
 * with exponential backoff and full jitter (AWS "Exponential Backoff and Jitter": a fleet of
 * kiosks coming back together must not hammer the API in step), capped, and never earlier than
 * the API's Retry-After. A refusal the submission cannot fix by waiting (4xx validation, a key
 * reused for another body) stops at once and waits for a clerk, with the API's own message.
 */
export function decide(failure: DeliveryFailure, attempt: number, policy: RetryPolicy, random: () => number): Decision {
  const reason = problemOf(failure);
  const retry = (apiDown: boolean, retryAfterSeconds?: number, floorMs = 0): Decision => {
    const jitter = backoffDelay(attempt, policy, random);
    const after = retryAfterSeconds === undefined ? 0 : Math.min(policy.maxRetryAfterMs, retryAfterSeconds * 1000);
    return { action: 'retry', delayMs: Math.max(jitter, after, floorMs), reason, apiDown };
  };
  switch (failure.kind) {
    case 'network':
    case 'timeout':
    case 'bad_response':
      return retry(true);
    case 'local':
      // A missing or damaged file cannot be waited back.
      return { action: 'reject', reason };
    // IT must enrol the kiosk; the submissions themselves are fine, so they wait.
    case 'not_enrolled':
      return retry(false, undefined, policy.maxDelayMs);
    case 'api':
      if (failure.status === 429 || failure.code === 'rate_limited') return retry(false, failure.retryAfterSeconds);
      if (failure.status >= 500) return retry(true, failure.retryAfterSeconds);
      switch (failure.code) {
        // IT must fix the device (enrol it again, fix its clock); the submissions themselves are
        // fine, so they wait — held in the queue, tried again every few minutes.
        case 'device_unauthorized':
        case 'device_revoked':
          return retry(false, undefined, policy.maxDelayMs);
        // The request core already re-signed once with the API's time; try again after a backoff.
        case 'clock_skew':
          return retry(false);
        // The API lost (or never got) an upload: the next attempt uploads again.
        case 'attachment_missing':
          return retry(false);
        default:
          return { action: 'reject', reason };
      }
    default:
      return failure satisfies never;
  }
}
