import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';

/** Probes an LLM wrote for a pair, in the pair's order (same shape as @toolgate/providers' StoredProbes). */
export interface CachedProbes {
  a: string[];
  b: string[];
}

/**
 * The `ProbeCache` table: LLM-written probes by (model, pair hash). Structurally the `ProbeCacheStore`
 * of @toolgate/providers: a pair gets the same probes on every run and in every worker.
 */
@Injectable()
export class ProbeCacheRepository {
  constructor(private readonly prisma: PrismaService) {}

  async get(model: string, pairHash: string): Promise<CachedProbes | undefined> {
    const where = { model_pairHash: { model, pairHash } };
    const row = await this.prisma.probeCache.findUnique({ where, select: { probes: true } });
    if (!row) return undefined;
    await this.prisma.probeCache.update({ where, data: { lastUsedAt: new Date() }, select: { model: true } });
    return row.probes as unknown as CachedProbes;
  }

  /** The first writer wins, so every worker keeps using the probes the first one stored. */
  async put(model: string, pairHash: string, probes: CachedProbes): Promise<void> {
    await this.prisma.probeCache.createMany({ data: [{ model, pairHash, probes: { a: probes.a, b: probes.b } }], skipDuplicates: true });
  }
}
