import CircuitBreaker from 'opossum';
import { CLIENT_FAULTS, ProviderError } from '../provider.errors';
import type { CallLimit } from '../sdk-options';
import { UNLIMITED } from './concurrency-limit';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Consecutive failed calls (each after the SDK's own retries) that open the circuit. Default 5. */
  failureThreshold?: number;
  /** How long the circuit stays open before one trial call is let through (half-open). Default 30 s. */
  resetTimeoutMs?: number;
}

type Action = () => Promise<unknown>;

/**
 * One circuit breaker per dependency (a model endpoint), on opossum: closed → open after
 * `failureThreshold` consecutive failures → half-open after `resetTimeoutMs` → closed on a successful trial.
 * While open, calls fail at once with PROVIDER.CIRCUIT_OPEN so callers can degrade (skip routing
 * with that reason) instead of waiting on a dead service.
 */
export class ProviderBreaker {
  private readonly breaker: CircuitBreaker<[Action], unknown>;

  constructor(
    readonly dependency: string,
    options: BreakerOptions = {},
    private readonly limit: CallLimit = UNLIMITED,
  ) {
    const failureThreshold = options.failureThreshold ?? 5;
    this.breaker = new CircuitBreaker<[Action], unknown>((action: Action) => action(), {
      // The SDKs time out each attempt; a breaker timeout would cut their retries short.
      timeout: false,
      resetTimeout: options.resetTimeoutMs ?? 30_000,
      // opossum's own rule (a failure percentage over a rolling window) would keep a breaker closed
      // after many earlier successes; we open on N consecutive failures instead (below), so its
      // volume gate is never reached. A failed half-open trial still re-opens it (opossum).
      volumeThreshold: Number.MAX_SAFE_INTEGER,
      errorFilter: (error: unknown) => error instanceof ProviderError && CLIENT_FAULTS.has(error.code),
    });
    let consecutive = 0;
    this.breaker.on('success', () => void (consecutive = 0));
    this.breaker.on('close', () => void (consecutive = 0));
    this.breaker.on('failure', () => {
      consecutive += 1;
      if (consecutive >= failureThreshold && !this.breaker.opened) this.breaker.open();
    });
  }

  /** Runs `action` through the breaker, inside the concurrency limit (an open circuit fails without waiting for a slot). */
  async call<T>(action: () => Promise<T>): Promise<T> {
    try {
      return (await this.breaker.fire(() => this.limit.run(action))) as T;
    } catch (error) {
      if (isOpenBreakerError(error)) {
        throw new ProviderError('PROVIDER.CIRCUIT_OPEN', this.dependency, 'circuit open after repeated failures; not called');
      }
      throw error;
    }
  }

  state(): BreakerState {
    if (this.breaker.opened) return 'open';
    if (this.breaker.halfOpen) return 'half-open';
    return 'closed';
  }

  /** Stops the breaker's timers (tests, shutdown). */
  shutdown(): void {
    this.breaker.shutdown();
  }
}

function isOpenBreakerError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EOPENBREAKER';
}
