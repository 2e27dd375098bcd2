import { Global, Module } from '@nestjs/common';
import { EmbeddingCacheRepository, ProbeCacheRepository, RecommendationDraftCacheRepository, RouterDecisionCacheRepository } from '@toolgate/db';
import { ApiModelProviders } from './model-providers.service';

/** The API's model providers, one set per process (global: the CI gate and /readiness use them). */
@Global()
@Module({
  providers: [EmbeddingCacheRepository, RouterDecisionCacheRepository, ProbeCacheRepository, RecommendationDraftCacheRepository, ApiModelProviders],
  exports: [ApiModelProviders],
})
export class ModelProvidersModule {}
