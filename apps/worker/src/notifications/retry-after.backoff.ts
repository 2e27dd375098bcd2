import type { BackoffStrategy } from 'bullmq';

/** The backoff type of delivery jobs: exponential, but never sooner than the peer's Retry-After. */
export const RETRY_AFTER_BACKOFF = 'exponential-retry-after';

/** Longest Retry-After honoured; a peer asking for more is retried then anyway (and the breaker decides). */
const MAX_RETRY_AFTER_MS = 3_600_000;

/** A retryable failed attempt; `retryAfterMs` is the peer's Retry-After (or the breaker's reset), when it gave one. */
export class RetryableDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RetryableDeliveryError';
  }
}

/**
 * BullMQ custom backoff for {@link RETRY_AFTER_BACKOFF}: `delay * 2^(attempt-1)` like BullMQ's exponential
 * backoff, raised to the Retry-After a Slack 429 or a PagerDuty 429/503 asked for.
 */
export const retryAfterBackoff: BackoffStrategy = (attemptsMade, _type, error, job) => {
  const backoff = job?.opts.backoff;
  const base = typeof backoff === 'object' && backoff.delay !== undefined ? backoff.delay : 1000;
  const exponential = Math.round(2 ** Math.max(0, attemptsMade - 1) * base);
  const asked = error instanceof RetryableDeliveryError && error.retryAfterMs ? Math.min(error.retryAfterMs, MAX_RETRY_AFTER_MS) : 0;
  return Math.max(exponential, asked);
};
