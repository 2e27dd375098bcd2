import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { AppConfig, DomainError } from '@toolgate/config';
import { EmbeddingCacheRepository, ProbeCacheRepository, RecommendationDraftCacheRepository, RouterDecisionCacheRepository } from '@toolgate/db';
import type { AnalyzeOptions } from '@toolgate/pipeline';
import { EnvironmentProviders, ProviderError, type Providers, type ProviderSetState } from '@toolgate/providers';

/** What the pipeline takes from a provider set (probe generator and recommender when the set has them). */
export type ProviderAnalyzeOptions = Pick<AnalyzeOptions, 'probeGenerator' | 'recommender'> & Required<Pick<AnalyzeOptions, 'embedder' | 'router'>>;

/**
 * The API's embedder and router (the CI gate's stages 3-4), chosen like the worker's: EMBEDDER / ROUTER
 * from the config, overridden per environment by `Environment.providerOverrides` (docs/providers.md).
 * Remote embeddings, router decisions, LLM probes and recommendation drafts share the worker's Postgres caches,
 * so a CI check re-run on an unchanged registry asks no model again. One instance per process: breakers are per dependency.
 */
@Injectable()
export class ApiModelProviders implements OnModuleDestroy {
  private readonly sets: EnvironmentProviders;

  constructor(
    config: AppConfig,
    embeddingCache: EmbeddingCacheRepository,
    routerCache: RouterDecisionCacheRepository,
    probeCache: ProbeCacheRepository,
    draftCache: RecommendationDraftCacheRepository,
  ) {
    this.sets = new EnvironmentProviders(config.values, { embeddingCache, routerCache, probeCache, draftCache });
  }

  /** The provider set for an environment's stored overrides (the defaults when it has none). */
  forEnvironment(providerOverrides: unknown): Providers {
    return this.sets.for(providerOverrides);
  }

  /** Pipeline options for a provider set. */
  analyzeOptions(providers: Providers): ProviderAnalyzeOptions {
    const extras = providers as Providers & Partial<Pick<AnalyzeOptions, 'probeGenerator' | 'recommender'>>;
    return {
      embedder: providers.embedder,
      router: providers.router,
      ...(extras.probeGenerator ? { probeGenerator: extras.probeGenerator } : {}),
      ...(extras.recommender ? { recommender: extras.recommender } : {}),
    };
  }

  /** Every provider set in use and its breakers, for /readiness. */
  states(): ProviderSetState[] {
    return this.sets.states();
  }

  onModuleDestroy(): void {
    this.sets.close();
  }
}

/**
 * Runs an analysis; a provider that is down (embedder timeouts, open circuit) becomes a 503
 * `PROVIDER.UNAVAILABLE` naming the dependency, not a 500. Its message is already redacted (no keys).
 */
export async function withProviderErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ProviderError) {
      throw new DomainError('unavailable', 'PROVIDER.UNAVAILABLE', `Model provider unavailable: ${error.message}`, { dependency: error.dependency, providerCode: error.code });
    }
    throw error;
  }
}
