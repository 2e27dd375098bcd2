/**
 * At most `max` provider calls in flight; the rest wait in FIFO order. One limit is shared by every
 * remote provider `createProviders` builds (PROVIDER_MAX_CONCURRENCY), so the cap holds for the process
 * whatever the pipeline's own parallelism (routing runs several probes at once, embedding batches,
 * probe and recommendation prompts).
 */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`concurrency limit must be a positive integer, got ${max}`);
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await call();
    } finally {
      // The slot passes straight to the next waiter, so `active` never drops under a queue.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  /** Calls running now (for tests and metrics). */
  inFlight(): number {
    return this.active;
  }
}

/** No cap: what a provider built on its own (outside createProviders) uses. */
export const UNLIMITED = { run: <T>(call: () => Promise<T>): Promise<T> => call() };
