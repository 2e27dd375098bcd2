import { AsyncLocalStorage } from 'node:async_hooks';

/** USD per million tokens. Estimates for cost controls, not invoices: check the provider's price page. */
export const PRICES_PER_MILLION: Readonly<Record<string, { input: number; output: number }>> = {
  'text-embedding-3-small': { input: 0.02, output: 0 },
  'text-embedding-3-large': { input: 0.13, output: 0 },
  'text-embedding-ada-002': { input: 0.1, output: 0 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1': { input: 2, output: 8 },
  'claude-3-5-haiku': { input: 0.8, output: 4 },
  'claude-haiku-4-5': { input: 1, output: 5 },
  'claude-sonnet-4': { input: 3, output: 15 },
};

export interface UsageLine {
  model: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** Estimated cost in USD; 0 with `priced: false` when the model is not in the price table. */
  costUsd: number;
  priced: boolean;
  /** `embedding` for embedding batches, `chat` for router, probe and recommendation calls. */
  kind: UsageKind;
}

export type UsageKind = 'embedding' | 'chat';

/**
 * Counts tokens and estimated cost per model, across every call of a run (embedding batches and
 * router calls). One meter is shared by the providers `createProviders` builds.
 */
export class UsageMeter {
  private readonly lines = new Map<string, UsageLine>();
  /** The meters of the `measure` calls the current async context runs in (a run inside a shared process). */
  private readonly scopes = new AsyncLocalStorage<UsageMeter[]>();

  record(model: string, inputTokens: number, outputTokens = 0, kind: UsageKind = outputTokens > 0 ? 'chat' : 'embedding'): void {
    add(this.lines, model, inputTokens, outputTokens, kind);
    for (const scope of this.scopes.getStore() ?? []) scope.record(model, inputTokens, outputTokens, kind);
  }

  /**
   * Runs `fn` and returns, next to its result, the usage of the calls made inside it only. The
   * worker's providers (and this meter) are shared by concurrent jobs; AsyncLocalStorage keeps each
   * run's calls apart, so a run's stored cost is its own.
   */
  async measure<T>(fn: () => Promise<T>): Promise<{ result: T; usage: UsageMeter }> {
    const usage = new UsageMeter();
    const result = await this.scopes.run([...(this.scopes.getStore() ?? []), usage], fn);
    return { result, usage };
  }

  byModel(): UsageLine[] {
    return [...this.lines.values()].map((l) => ({ ...l }));
  }

  total(): { calls: number; inputTokens: number; outputTokens: number; costUsd: number } {
    const t = { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
    for (const l of this.lines.values()) {
      t.calls += l.calls;
      t.inputTokens += l.inputTokens;
      t.outputTokens += l.outputTokens;
      t.costUsd += l.costUsd;
    }
    return t;
  }
}

function add(lines: Map<string, UsageLine>, model: string, inputTokens: number, outputTokens: number, kind: UsageKind): void {
  const line = lines.get(model) ?? { model, calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, priced: priceOf(model) !== undefined, kind };
  line.calls += 1;
  line.inputTokens += inputTokens;
  line.outputTokens += outputTokens;
  const price = priceOf(model);
  if (price) line.costUsd = (line.inputTokens * price.input + line.outputTokens * price.output) / 1_000_000;
  lines.set(model, line);
}

/** Longest price-table key the model name starts with, so dated names (`gpt-4o-mini-2024-07-18`) match. */
function priceOf(model: string): { input: number; output: number } | undefined {
  const keys = Object.keys(PRICES_PER_MILLION).filter((k) => model.startsWith(k));
  keys.sort((a, b) => b.length - a.length);
  return keys[0] === undefined ? undefined : PRICES_PER_MILLION[keys[0]];
}
