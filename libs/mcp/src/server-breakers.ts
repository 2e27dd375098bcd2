import CircuitBreaker from 'opossum';
import { McpSyncError, type McpSyncErrorCode } from './mcp-sync.errors';

export type SyncBreakerState = 'closed' | 'open' | 'half-open';

export interface SyncBreakerOptions {
  /** Consecutive failed syncs of one server that open its circuit. Default 3. */
  failureThreshold?: number;
  /** How long an open circuit refuses syncs before one trial is let through (half-open). Default 5 min. */
  resetTimeoutMs?: number;
}

/** Failures that say nothing about the server's health: they neither open nor count towards the circuit. */
const NOT_SERVER_FAULTS = new Set<McpSyncErrorCode>(['URL_NOT_ALLOWED', 'ABORTED']);

/** A readable breaker state for /readiness. */
export interface SyncBreakerSnapshot {
  serverId: string;
  state: SyncBreakerState;
  consecutiveFailures: number;
}

type Action = () => Promise<unknown>;

class ServerBreaker {
  readonly breaker: CircuitBreaker<[Action], unknown>;
  consecutive = 0;

  constructor(failureThreshold: number, resetTimeoutMs: number) {
    this.breaker = new CircuitBreaker<[Action], unknown>((action: Action) => action(), {
      timeout: false, // listServerTools has its own deadline
      resetTimeout: resetTimeoutMs,
      // Open on N consecutive failures (below), not opossum's percentage over a rolling window.
      volumeThreshold: Number.MAX_SAFE_INTEGER,
      errorFilter: (error: unknown) => error instanceof McpSyncError && NOT_SERVER_FAULTS.has(error.code),
    });
    this.breaker.on('success', () => void (this.consecutive = 0));
    this.breaker.on('close', () => void (this.consecutive = 0));
    this.breaker.on('failure', () => {
      this.consecutive += 1;
      if (this.consecutive >= failureThreshold && !this.breaker.opened) this.breaker.open();
    });
  }

  state(): SyncBreakerState {
    if (this.breaker.opened) return 'open';
    if (this.breaker.halfOpen) return 'half-open';
    return 'closed';
  }
}

/**
 * One opossum circuit breaker per MCP server (keyed by server id), so a dead server is not hammered by
 * every scheduled sync: closed → open after `failureThreshold` consecutive failed syncs → half-open after
 * `resetTimeoutMs` → closed on a successful trial. While open, `run` fails at once with CIRCUIT_OPEN.
 */
export class SyncBreakerRegistry {
  private readonly breakers = new Map<string, ServerBreaker>();
  private readonly failureThreshold: number;
  private readonly resetTimeoutMs: number;

  constructor(options: SyncBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? 3;
    this.resetTimeoutMs = options.resetTimeoutMs ?? 300_000;
  }

  private get(serverId: string): ServerBreaker {
    let breaker = this.breakers.get(serverId);
    if (!breaker) {
      breaker = new ServerBreaker(this.failureThreshold, this.resetTimeoutMs);
      this.breakers.set(serverId, breaker);
    }
    return breaker;
  }

  /** Runs one sync of `serverId` through its breaker. */
  async run<T>(serverId: string, action: () => Promise<T>): Promise<T> {
    const breaker = this.get(serverId);
    try {
      return (await breaker.breaker.fire(action)) as T;
    } catch (error) {
      if ((error as { code?: unknown } | null)?.code === 'EOPENBREAKER') {
        throw new McpSyncError('CIRCUIT_OPEN', `sync of server ${serverId} skipped: circuit open after ${breaker.consecutive} consecutive failures`, { serverId, consecutiveFailures: breaker.consecutive });
      }
      throw error;
    }
  }

  state(serverId: string): SyncBreakerState {
    return this.breakers.get(serverId)?.state() ?? 'closed';
  }

  /** Every known server's breaker, for /readiness. */
  snapshot(): SyncBreakerSnapshot[] {
    return [...this.breakers.entries()].map(([serverId, b]) => ({ serverId, state: b.state(), consecutiveFailures: b.consecutive }));
  }

  /** Forgets a server (deleted, or its connection changed: a new target deserves a closed circuit). */
  forget(serverId: string): void {
    this.breakers.get(serverId)?.breaker.shutdown();
    this.breakers.delete(serverId);
  }

  /** Stops every breaker's timers (shutdown, tests). */
  shutdown(): void {
    for (const b of this.breakers.values()) b.breaker.shutdown();
    this.breakers.clear();
  }
}
