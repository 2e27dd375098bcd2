import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { EmbeddingCacheRepository, ProbeCacheRepository, RecommendationDraftCacheRepository, RouterDecisionCacheRepository } from '@toolgate/db';
import { EnvironmentProviders, type Providers, type ProviderSetState } from '@toolgate/providers';
import { ModelProviders } from './model-providers';

/**
 * The worker's providers for one environment: the deployment's (ModelProviders) unless the environment
 * has `providerOverrides` (docs/providers.md), in which case one reused set per distinct override, with
 * the same Postgres caches. Built once per process, so breakers count failures across jobs. Every
 * analysis of an environment (registration, re-scan and its shards, queued CI routing) takes its
 * embedder, router, probe generator, recommender and meter from `for(environment)`.
 */
@Injectable()
export class EnvironmentModelProviders implements OnModuleDestroy {
  private readonly sets: EnvironmentProviders;

  constructor(
    config: AppConfig,
    models: ModelProviders,
    embeddingCache: EmbeddingCacheRepository,
    routerCache: RouterDecisionCacheRepository,
    probeCache: ProbeCacheRepository,
    draftCache: RecommendationDraftCacheRepository,
  ) {
    this.sets = new EnvironmentProviders(config.values, { embeddingCache, routerCache, probeCache, draftCache }, models.providers);
  }

  for(environment: { providerOverrides: unknown }): Providers {
    return this.sets.for(environment.providerOverrides);
  }

  /** Every provider set this worker has in use and its breakers (the worker's /metrics). */
  states(): ProviderSetState[] {
    return this.sets.states();
  }

  onModuleDestroy(): void {
    this.sets.close();
  }
}
