import CircuitBreaker from 'opossum';
import type { DeliveryResult } from './model';

export type ChannelBreakerState = 'closed' | 'open' | 'half-open';

export interface ChannelBreakersOptions {
  /** Consecutive failed deliveries to one channel that open its circuit. Default 5. */
  failureThreshold?: number;
  /** How long a circuit stays open before one trial delivery is let through (half-open). Default 60 s. */
  resetTimeoutMs?: number;
  /** Called on every transition, e.g. to persist the state where the API can read it. */
  onStateChange?: (channelId: string, state: ChannelBreakerState) => void;
}

export interface ChannelBreakerSnapshot {
  channelId: string;
  state: ChannelBreakerState;
  consecutiveFailures: number;
  /** ISO-8601 instant the circuit last opened, while it is open or half-open. */
  openedAt?: string;
}

type Attempt = () => Promise<DeliveryResult>;

/** Thrown inside the breaker so opossum counts a failed delivery; unwrapped before returning. */
class FailedDelivery extends Error {
  constructor(readonly result: DeliveryResult) {
    super(result.error ?? 'delivery failed');
  }
}

interface Entry {
  breaker: CircuitBreaker<[Attempt], DeliveryResult>;
  consecutive: number;
  openedAt?: Date;
}

/**
 * One opossum circuit breaker per channel, same rule as the providers' breaker
 * (libs/providers/src/resilience/provider-breaker.ts): closed → open after `failureThreshold`
 * consecutive failed deliveries → half-open after `resetTimeoutMs` → closed on a successful trial,
 * open again on a failed one. While open, `run` answers at once with a retryable
 * NOTIFICATION.CIRCUIT_OPEN result instead of waiting on a dead endpoint.
 * Kept separate from ProviderBreaker because that one speaks ProviderError; this one speaks DeliveryResult.
 */
export class ChannelBreakers {
  private readonly entries = new Map<string, Entry>();
  private readonly failureThreshold: number;
  private readonly resetTimeoutMs: number;

  constructor(private readonly options: ChannelBreakersOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? 5;
    this.resetTimeoutMs = options.resetTimeoutMs ?? 60_000;
  }

  /** Runs one delivery attempt through the channel's breaker. Never throws. */
  async run(channelId: string, attempt: Attempt): Promise<DeliveryResult> {
    const entry = this.entry(channelId);
    const started = Date.now();
    try {
      return await entry.breaker.fire(attempt);
    } catch (error) {
      if (error instanceof FailedDelivery) return error.result;
      if (isOpenBreakerError(error)) {
        const elapsed = entry.openedAt ? Date.now() - entry.openedAt.getTime() : 0;
        return {
          ok: false,
          status: 'failed',
          retryable: true,
          errorCode: 'NOTIFICATION.CIRCUIT_OPEN',
          error: `circuit open after ${this.failureThreshold} consecutive failures; not sent`,
          retryAfterMs: Math.max(0, this.resetTimeoutMs - elapsed),
          durationMs: Date.now() - started,
        };
      }
      // An attempt must not throw; if it does, report it as a failure without its text (it may hold a secret).
      return { ok: false, status: 'failed', retryable: true, errorCode: 'NOTIFICATION.NETWORK', error: 'delivery failed unexpectedly', durationMs: Date.now() - started };
    }
  }

  state(channelId: string): ChannelBreakerState {
    const entry = this.entries.get(channelId);
    if (!entry) return 'closed';
    return stateOf(entry.breaker);
  }

  snapshot(channelId: string): ChannelBreakerSnapshot {
    const entry = this.entries.get(channelId);
    const state = this.state(channelId);
    return {
      channelId,
      state,
      consecutiveFailures: entry?.consecutive ?? 0,
      ...(entry?.openedAt && state !== 'closed' ? { openedAt: entry.openedAt.toISOString() } : {}),
    };
  }

  snapshots(): ChannelBreakerSnapshot[] {
    return [...this.entries.keys()].map((id) => this.snapshot(id));
  }

  /** Forgets a channel's breaker (channel deleted or its config changed). */
  reset(channelId: string): void {
    this.entries.get(channelId)?.breaker.shutdown();
    this.entries.delete(channelId);
  }

  /** Stops every breaker's timers (tests, shutdown). */
  shutdown(): void {
    for (const entry of this.entries.values()) entry.breaker.shutdown();
    this.entries.clear();
  }

  private entry(channelId: string): Entry {
    const existing = this.entries.get(channelId);
    if (existing) return existing;
    const breaker = new CircuitBreaker<[Attempt], DeliveryResult>(
      async (attempt: Attempt) => {
        const result = await attempt();
        if (!result.ok) throw new FailedDelivery(result);
        return result;
      },
      {
        // Each attempt has its own HTTP/SMTP timeout.
        timeout: false,
        resetTimeout: this.resetTimeoutMs,
        // Open on N consecutive failures (below), not on opossum's rolling percentage.
        volumeThreshold: Number.MAX_SAFE_INTEGER,
      },
    );
    const entry: Entry = { breaker, consecutive: 0 };
    const notify = () => this.options.onStateChange?.(channelId, stateOf(breaker));
    breaker.on('success', () => void (entry.consecutive = 0));
    breaker.on('failure', () => {
      entry.consecutive += 1;
      if (entry.consecutive >= this.failureThreshold && !breaker.opened) breaker.open();
    });
    breaker.on('open', () => {
      entry.openedAt = new Date();
      notify();
    });
    breaker.on('halfOpen', notify);
    breaker.on('close', () => {
      entry.consecutive = 0;
      entry.openedAt = undefined;
      notify();
    });
    this.entries.set(channelId, entry);
    return entry;
  }
}

function stateOf(breaker: CircuitBreaker<[Attempt], DeliveryResult>): ChannelBreakerState {
  if (breaker.opened) return 'open';
  if (breaker.halfOpen) return 'half-open';
  return 'closed';
}

function isOpenBreakerError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EOPENBREAKER';
}
