import { AnalysisRunRepository } from './analysis-run.repository';
import { ProbeCacheRepository } from './probe-cache.repository';
import { RecommendationDraftCacheRepository } from './recommendation-draft-cache.repository';
import { openTestDatabase, seedEnvironment, type RepositoryTestDatabase } from './registry-fixtures.testing';
import { RouterDecisionCacheRepository } from './router-decision-cache.repository';

describe('provider caches and run usage against Postgres', () => {
  let db: RepositoryTestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('router decisions by (model, tool-set hash, probe hash, trial); the first writer wins', async () => {
    const repo = new RouterDecisionCacheRepository(db.prisma);
    const key = { toolSetHash: 'a'.repeat(64), probeHash: 'b'.repeat(64), trial: 0 };
    await repo.put('openai:gpt-4o-mini|t=0', key, { choice: 'github/create_issue', ranking: [{ id: 'github/create_issue', score: 1 }] });
    await repo.put('openai:gpt-4o-mini|t=0', key, { choice: null, ranking: [], reason: 'a later writer' });
    expect(await repo.get('openai:gpt-4o-mini|t=0', key)).toEqual({ choice: 'github/create_issue', ranking: [{ id: 'github/create_issue', score: 1 }] });
    expect(await repo.get('openai:gpt-4o-mini|t=0', { ...key, trial: 1 })).toBeUndefined();
    expect(await repo.get('anthropic:claude-3-5-haiku-latest|t=0', key)).toBeUndefined();
  });

  it('probes by (model, pair hash); the first writer wins', async () => {
    const repo = new ProbeCacheRepository(db.prisma);
    await repo.put('openai:gpt-4o-mini', 'c'.repeat(64), { a: ['one', 'two'], b: ['three'] });
    await repo.put('openai:gpt-4o-mini', 'c'.repeat(64), { a: ['other'], b: ['other'] });
    expect(await repo.get('openai:gpt-4o-mini', 'c'.repeat(64))).toEqual({ a: ['one', 'two'], b: ['three'] });
    expect(await repo.get('openai:gpt-4o-mini', 'd'.repeat(64))).toBeUndefined();
  });

  it('recommendation drafts by (model, request hash); the first writer wins', async () => {
    const repo = new RecommendationDraftCacheRepository(db.prisma);
    const drafts = [{ kind: 'rename' as const, rationale: 'Say the platform.', after: { name: 'github_create_issue' } }];
    await repo.put('openai:gpt-4o-mini', 'e'.repeat(64), drafts);
    await repo.put('openai:gpt-4o-mini', 'e'.repeat(64), []);
    expect(await repo.get('openai:gpt-4o-mini', 'e'.repeat(64))).toEqual(drafts);
    expect(await repo.get('openai:gpt-4o-mini', 'f'.repeat(64))).toBeUndefined();
  });

  it('a completed run stores its provider usage: totals by kind and one line per model', async () => {
    const runs = new AnalysisRunRepository(db.prisma);
    const { organisationId, env } = await seedEnvironment(db.prisma);
    const run = await runs.create(env.id, 'REGISTRATION', ['ROUTING']);
    expect((await runs.findById(organisationId, run.id))?.usage).toEqual({ calls: 0, promptTokens: 0, completionTokens: 0, embeddingTokens: 0, costUsd: 0, byModel: [] });
    await runs.start(run.id);
    const usage = [
      { model: 'gpt-4o-mini', kind: 'chat' as const, calls: 12, inputTokens: 5120, outputTokens: 168, costUsd: 0.0008688, priced: true },
      { model: 'text-embedding-3-small', kind: 'embedding' as const, calls: 2, inputTokens: 96, outputTokens: 0, costUsd: 0.00000192, priced: true },
    ];
    await runs.complete(run.id, env.id, { stageTimings: {}, toolCount: 0, pairCount: 0, subjectIds: [], conflicts: [], statuses: [], usage });
    expect((await runs.findById(organisationId, run.id))?.usage).toEqual({ calls: 14, promptTokens: 5120, completionTokens: 168, embeddingTokens: 96, costUsd: 0.000871, byModel: usage });
  });
});
