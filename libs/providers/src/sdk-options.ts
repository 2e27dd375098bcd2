import type { BreakerOptions } from './resilience/provider-breaker';
import type { UsageMeter } from './usage/usage-meter';

/** Resilience and accounting settings every remote provider takes. */
export interface RemoteOptions {
  /** Per-attempt timeout (the SDK's `timeout`). Default 30 s. */
  timeoutMs?: number;
  /** Retries on 408/409/429/5xx and connection errors, with jittered backoff honouring Retry-After (the SDK's `maxRetries`). Default 2. */
  maxRetries?: number;
  breaker?: BreakerOptions;
  meter?: UsageMeter;
  /** Shared cap on calls in flight (PROVIDER_MAX_CONCURRENCY). Default: none. */
  limit?: CallLimit;
}

/** What a provider needs of a ConcurrencyLimit. */
export interface CallLimit {
  run<T>(call: () => Promise<T>): Promise<T>;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;
