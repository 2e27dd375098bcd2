import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';

/** The cache key of one router call next to its model (same shape as @toolgate/providers' RouterCacheKey). */
export interface RouterDecisionKey {
  toolSetHash: string;
  probeHash: string;
  trial: number;
}

/** A router's answer as cached (the pipeline's RouteDecision). */
export interface CachedRouteDecision {
  choice: string | null;
  ranking: { id: string; score: number }[];
  reason?: string;
}

/**
 * The `RouterDecisionCache` table: router answers by (model and settings, tool-set hash, probe hash,
 * trial). Structurally the `RouterCacheStore` of @toolgate/providers, so
 * `createProviders(config, { routerCache: repository })` makes re-simulating an unchanged pair free
 * across restarts and workers.
 */
@Injectable()
export class RouterDecisionCacheRepository {
  constructor(private readonly prisma: PrismaService) {}

  async get(model: string, key: RouterDecisionKey): Promise<CachedRouteDecision | undefined> {
    const where = { model_toolSetHash_probeHash_trial: { model, ...key } };
    const row = await this.prisma.routerDecisionCache.findUnique({ where, select: { decision: true } });
    if (!row) return undefined;
    await this.prisma.routerDecisionCache.update({ where, data: { lastUsedAt: new Date() }, select: { trial: true } });
    return row.decision as unknown as CachedRouteDecision;
  }

  /** A row another worker wrote first is kept: the same question, an equally valid answer. */
  async put(model: string, key: RouterDecisionKey, decision: CachedRouteDecision): Promise<void> {
    await this.prisma.routerDecisionCache.createMany({ data: [{ model, ...key, decision: decision as unknown as Prisma.InputJsonValue }], skipDuplicates: true });
  }
}
