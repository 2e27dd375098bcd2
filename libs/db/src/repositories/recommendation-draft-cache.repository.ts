import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';

/** An LLM recommendation draft as cached (the pipeline's RecommenderDraft): unverified. */
export interface CachedRecommendationDraft {
  kind: 'rename' | 'description' | 'schema' | 'scope';
  rationale: string;
  after: { name?: string; description?: string };
}

/**
 * The `RecommendationDraftCache` table: LLM drafts by (model, request hash). Structurally the
 * `DraftCacheStore` of @toolgate/providers. Only the drafts are cached; every analysis verifies them again.
 */
@Injectable()
export class RecommendationDraftCacheRepository {
  constructor(private readonly prisma: PrismaService) {}

  async get(model: string, requestHash: string): Promise<CachedRecommendationDraft[] | undefined> {
    const where = { model_requestHash: { model, requestHash } };
    const row = await this.prisma.recommendationDraftCache.findUnique({ where, select: { drafts: true } });
    if (!row) return undefined;
    await this.prisma.recommendationDraftCache.update({ where, data: { lastUsedAt: new Date() }, select: { model: true } });
    return row.drafts as unknown as CachedRecommendationDraft[];
  }

  /** The first writer wins. */
  async put(model: string, requestHash: string, drafts: readonly CachedRecommendationDraft[]): Promise<void> {
    await this.prisma.recommendationDraftCache.createMany({ data: [{ model, requestHash, drafts: drafts.map((d) => ({ ...d })) as unknown as Prisma.InputJsonValue }], skipDuplicates: true });
  }
}
