import { openTestDatabase, type RepositoryTestDatabase } from './registry-fixtures.testing';
import { ProviderCacheRetentionRepository } from './provider-cache-retention.repository';

const DAY = 86_400_000;
const hash = (n: number) => String(n).padStart(64, '0');

describe('ProviderCacheRetentionRepository: cached model answers unused since a cutoff are deleted, the rest kept', () => {
  let db: RepositoryTestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('deletes rows last used before the cutoff in all four caches, and keeps recently used ones', async () => {
    const now = Date.now();
    const old = new Date(now - 100 * DAY);
    const recent = new Date(now - 1 * DAY);
    const model = `m-${process.pid}`;
    for (const [i, lastUsedAt] of [old, recent].entries()) {
      await db.prisma.embeddingCache.create({ data: { model, textHash: hash(i), dims: 1, vector: Buffer.alloc(4), lastUsedAt } });
      await db.prisma.routerDecisionCache.create({ data: { model, toolSetHash: hash(i), probeHash: hash(i), trial: 0, decision: { choice: 'a' }, lastUsedAt } });
      await db.prisma.probeCache.create({ data: { model, pairHash: hash(i), probes: { a: [], b: [] }, lastUsedAt } });
      await db.prisma.recommendationDraftCache.create({ data: { model, requestHash: hash(i), drafts: [], lastUsedAt } });
    }

    const evicted = await new ProviderCacheRetentionRepository(db.prisma).evictUnusedSince(new Date(now - 90 * DAY));
    expect(evicted).toEqual({ embeddings: 1, routerDecisions: 1, probes: 1, recommendationDrafts: 1 });
    const left = await Promise.all([
      db.prisma.embeddingCache.findMany({ where: { model }, select: { textHash: true } }),
      db.prisma.routerDecisionCache.findMany({ where: { model }, select: { toolSetHash: true } }),
      db.prisma.probeCache.findMany({ where: { model }, select: { pairHash: true } }),
      db.prisma.recommendationDraftCache.findMany({ where: { model }, select: { requestHash: true } }),
    ]);
    expect(left.map((rows) => rows.map((r) => Object.values(r)[0]))).toEqual([[hash(1)], [hash(1)], [hash(1)], [hash(1)]]);
    // Nothing else is old enough: a second pass deletes nothing.
    expect(await new ProviderCacheRetentionRepository(db.prisma).evictUnusedSince(new Date(now - 90 * DAY))).toEqual({ embeddings: 0, routerDecisions: 0, probes: 0, recommendationDrafts: 0 });
  });
});
