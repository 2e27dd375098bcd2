import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { EmbeddingCacheRepository, ProbeCacheRepository, RecommendationDraftCacheRepository, RouterDecisionCacheRepository } from '@toolgate/db';
import { createProviders, type Providers } from '@toolgate/providers';

/**
 * The worker's embedder, router and probe source, chosen by EMBEDDER / ROUTER / PROBE_GENERATOR (local by
 * default). Remote answers are cached in Postgres (embeddings, router decisions, LLM probes and recommendation drafts), so an unchanged
 * environment costs no provider call on its next analysis, across restarts and workers.
 * One instance per worker process: the circuit breakers and the PROVIDER_MAX_CONCURRENCY limit are per
 * process, not per job; a run's own usage is measured with `providers.meter.measure`.
 */
@Injectable()
export class ModelProviders implements OnModuleDestroy {
  readonly providers: Providers;

  constructor(config: AppConfig, cache: EmbeddingCacheRepository, routerCache: RouterDecisionCacheRepository, probeCache: ProbeCacheRepository, draftCache: RecommendationDraftCacheRepository) {
    this.providers = createProviders(config.values, { embeddingCache: cache, routerCache, probeCache, draftCache });
  }

  onModuleDestroy(): void {
    this.providers.close();
  }
}
