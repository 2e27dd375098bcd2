import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';

/** Rows deleted per cache table. */
export interface ProviderCacheEviction {
  embeddings: number;
  routerDecisions: number;
  probes: number;
  recommendationDrafts: number;
}

/**
 * Retention of the Postgres caches of model answers: every read marks a row used (`lastUsedAt`), and rows not
 * used since `cutoff` go. A later analysis that needs one again asks the model once more and caches the answer.
 */
@Injectable()
export class ProviderCacheRetentionRepository {
  constructor(private readonly prisma: PrismaService) {}

  async evictUnusedSince(cutoff: Date): Promise<ProviderCacheEviction> {
    const where = { lastUsedAt: { lt: cutoff } };
    const [embeddings, routerDecisions, probes, recommendationDrafts] = await Promise.all([
      this.prisma.embeddingCache.deleteMany({ where }),
      this.prisma.routerDecisionCache.deleteMany({ where }),
      this.prisma.probeCache.deleteMany({ where }),
      this.prisma.recommendationDraftCache.deleteMany({ where }),
    ]);
    return { embeddings: embeddings.count, routerDecisions: routerDecisions.count, probes: probes.count, recommendationDrafts: recommendationDrafts.count };
  }
}
