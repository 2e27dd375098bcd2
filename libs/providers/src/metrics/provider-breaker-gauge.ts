import { Gauge, type Registry } from 'prom-client';
import type { ProviderSetState } from '../environment-providers';

/** Numeric value of a circuit breaker state for a gauge: 0 closed, 0.5 half-open, 1 open (docs/observability.md). */
export function breakerValue(state: 'closed' | 'half-open' | 'open'): number {
  return state === 'open' ? 1 : state === 'half-open' ? 0.5 : 0;
}

/**
 * `<prefix>provider_breaker_state{provider_set, dependency}`: the model-provider breakers of this process's
 * provider sets, read when Prometheus scrapes (never stale, free between scrapes). Registered by the API
 * and the worker alike, each for its own sets (breakers are per process).
 */
export function registerProviderBreakerGauge(registry: Registry, states: () => ProviderSetState[], prefix: string, processName: string): Gauge<'provider_set' | 'dependency'> {
  return new Gauge({
    name: `${prefix}provider_breaker_state`,
    help: `Model-provider circuit breakers of this ${processName} process's provider sets: 0 closed, 0.5 half-open, 1 open. Local providers (no remote dependency) have no series.`,
    labelNames: ['provider_set', 'dependency'],
    registers: [registry],
    collect() {
      this.reset();
      for (const set of states()) {
        for (const dependency of ['embedder', 'router'] as const) {
          const state = set[dependency].breaker;
          if (state !== 'none') this.set({ provider_set: set.scope, dependency }, breakerValue(state));
        }
      }
    },
  });
}
