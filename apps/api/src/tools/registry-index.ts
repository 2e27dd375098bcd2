import { Injectable, Logger } from '@nestjs/common';
import { type EnvironmentRecord, registrySource, ToolRepository } from '@toolgate/db';
import { type AnalysisReport, type AnalyzeOptions, checkCandidates, type Embedder, type Tool, ToolIndexCaches } from '@toolgate/pipeline';
import { ApiMetrics } from '../metrics/metrics.service';

/** What a check saw of the cache: the registry revision, and whether this request refreshed it. */
export interface IndexUse {
  revision: string;
  refreshed: { upserted: number; removed: number } | undefined;
}

/**
 * The API's in-memory registry indexes, one per environment (and embedder), kept between requests and
 * refreshed incrementally: each check compares the environment's registry revision (read with the
 * environment itself, no extra query) with the index's; when it moved, one refresh per process applies
 * only the tools changed since (concurrent checks wait for that same refresh), then checks run in
 * parallel on the shared, read-only index (checkCandidates never mutates it).
 */
@Injectable()
export class RegistryIndex {
  /** One cache per embedder: an environment with provider overrides has its own vectors. */
  private readonly caches = new ToolIndexCaches();
  private readonly logger = new Logger(RegistryIndex.name);

  constructor(
    private readonly tools: ToolRepository,
    private readonly metrics: ApiMetrics,
  ) {}

  /** `analyze({ registry, candidates })` for the environment's current registry, on the cached index. */
  async check(env: EnvironmentRecord, candidates: readonly Tool[], options: AnalyzeOptions & { embedder: Embedder }): Promise<{ report: AnalysisReport; index: IndexUse }> {
    const stages = options.stages ?? ['lexical', 'schema', 'semantic', 'routing'];
    const withVectors = stages.includes('semantic') || stages.includes('routing');
    const started = performance.now();
    return this.caches.for(options.embedder).read(env.id, withVectors, registrySource(this.tools, env.id, env.registryRevision), async (index, read) => {
      if (read.sync) {
        const ms = Math.round(performance.now() - started);
        this.metrics.registryIndexRefreshed((performance.now() - started) / 1000);
        this.logger.log({ environmentId: env.id, revision: read.revision, ...read.sync, ms }, `Registry index refreshed to revision ${read.revision} (${read.sync.upserted} tools indexed, ${read.sync.removed} removed) in ${ms} ms`);
      }
      return {
        report: await checkCandidates({ index, candidates, serverTools: read.serverTools }, options),
        index: { revision: read.revision, refreshed: read.sync ? { upserted: read.sync.upserted, removed: read.sync.removed } : undefined },
      };
    });
  }
}
