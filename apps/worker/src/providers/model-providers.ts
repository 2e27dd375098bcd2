import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { EmbeddingCacheRepository } from '@toolgate/db';
import { createProviders, type Providers } from '@toolgate/providers';

/**
 * The worker's embedder and router, chosen by EMBEDDER / ROUTER (local by default), with remote
 * embeddings cached in Postgres so an unchanged tool is embedded once across restarts and workers.
 * One instance per worker process: the circuit breakers are per dependency, not per job.
 */
@Injectable()
export class ModelProviders implements OnModuleDestroy {
  readonly providers: Providers;

  constructor(config: AppConfig, cache: EmbeddingCacheRepository) {
    this.providers = createProviders(config.values, { embeddingCache: cache });
  }

  onModuleDestroy(): void {
    this.providers.close();
  }
}
