import { applyProviderOverrides, type ProviderConfig, type ProviderOverrides, ProviderOverridesSchema } from '@toolgate/config';
import { createProviders, type CreateProvidersOptions, type Providers } from './create-providers';
import type { BreakerState } from './resilience/provider-breaker';

/** Distinct override sets kept (each holds its own clients and breakers); the least recently used goes first. */
const MAX_OVERRIDE_SETS = 32;

/** One provider set's state, for /readiness. */
export interface ProviderSetState {
  /** `default`, or the environments' override set (its JSON, non-secret by construction). */
  scope: string;
  embedder: { model: string; breaker: BreakerState | 'none' };
  router: { model: string; breaker: BreakerState | 'none' };
}

/**
 * The deployment's providers plus one set per distinct `Environment.providerOverrides`, built once and
 * reused, so breakers count failures per dependency across requests and jobs. Used by the API (CI gate)
 * and the worker alike.
 */
export class EnvironmentProviders {
  readonly defaults: Providers;
  private readonly ownsDefaults: boolean;
  private readonly sets = new Map<string, Providers>();

  /** `defaults`: the process's existing deployment set (the worker's ModelProviders), else one is built. */
  constructor(
    private readonly config: ProviderConfig,
    private readonly options: CreateProvidersOptions = {},
    defaults?: Providers,
  ) {
    this.defaults = defaults ?? createProviders(config, options);
    this.ownsDefaults = defaults === undefined;
  }

  /**
   * Providers for an environment's stored overrides. Empty overrides mean the defaults. Stored overrides
   * are validated on write; one that no longer parses (older data) falls back to the defaults.
   */
  for(stored: unknown): Providers {
    const parsed = ProviderOverridesSchema.safeParse(stored ?? {});
    if (!parsed.success || isEmpty(parsed.data)) return this.defaults;
    const key = JSON.stringify(parsed.data);
    let set = this.sets.get(key);
    if (set) {
      this.sets.delete(key);
    } else {
      set = this.build(parsed.data);
    }
    this.sets.set(key, set);
    while (this.sets.size > MAX_OVERRIDE_SETS) {
      const [oldest, evicted] = this.sets.entries().next().value!;
      this.sets.delete(oldest);
      evicted.close();
    }
    return set;
  }

  /** Every provider set in use, with its breakers' state. */
  states(): ProviderSetState[] {
    const state = (scope: string, p: Providers): ProviderSetState => {
      const models = p.describe();
      const breakers = p.breakerState();
      return { scope, embedder: { model: models.embedder, breaker: breakers.embedder }, router: { model: models.router, breaker: breakers.router } };
    };
    return [state('default', this.defaults), ...[...this.sets].map(([key, p]) => state(key, p))];
  }

  close(): void {
    if (this.ownsDefaults) this.defaults.close();
    for (const set of this.sets.values()) set.close();
    this.sets.clear();
  }

  private build(overrides: ProviderOverrides): Providers {
    const configs = applyProviderOverrides(this.config, overrides);
    const options = { ...this.options, meter: this.options.meter ?? this.defaults.meter };
    // The embedder and the router may point at different base URLs and keys: one set for each side.
    const forEmbedder = overrides.embedder ? createProviders(configs.embedder, options) : this.defaults;
    const forRouter = overrides.router ? createProviders(configs.router, options) : this.defaults;
    // Everything router-side (router, probe generator, recommender...) from the router's set; the embedder from its own.
    return {
      ...forRouter,
      embedder: forEmbedder.embedder,
      describe: () => ({ embedder: forEmbedder.describe().embedder, router: forRouter.describe().router }),
      breakerState: () => ({ embedder: forEmbedder.breakerState().embedder, router: forRouter.breakerState().router }),
      close: () => {
        if (forEmbedder !== this.defaults) forEmbedder.close();
        if (forRouter !== this.defaults) forRouter.close();
      },
    };
  }
}

function isEmpty(overrides: ProviderOverrides): boolean {
  return Object.values(overrides).every((part) => part === undefined || Object.keys(part).length === 0);
}
