import { EmbeddingCacheRepository } from './embedding-cache.repository';
import { openTestDatabase, type RepositoryTestDatabase } from './registry-fixtures.testing';

describe('EmbeddingCacheRepository against Postgres', () => {
  let db: RepositoryTestDatabase;
  let repo: EmbeddingCacheRepository;
  beforeAll(async () => {
    db = await openTestDatabase();
    repo = new EmbeddingCacheRepository(db.prisma);
  });
  afterAll(() => db.close());

  it('stores float32 vectors by (model, text hash) and returns them exactly, per model', async () => {
    const a = Float32Array.from([0.6, -0.8, 0, 1e-7]);
    const b = Float32Array.from([1, 0, 0, 0]);
    await repo.putMany('openai:text-embedding-3-small', [
      { textHash: 'a'.repeat(64), vector: a },
      { textHash: 'b'.repeat(64), vector: b },
    ]);
    const found = await repo.getMany('openai:text-embedding-3-small', ['a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64)]);
    expect([...found.keys()].sort()).toEqual(['a'.repeat(64), 'b'.repeat(64)]);
    expect([...(found.get('a'.repeat(64)) ?? [])]).toEqual([...a]);
    expect(await repo.getMany('azure:emb:text-embedding-3-small', ['a'.repeat(64)])).toEqual(new Map());
  });

  it('keeps the first row when two writers store the same key', async () => {
    await repo.putMany('m', [{ textHash: 'd'.repeat(64), vector: Float32Array.from([1, 2]) }]);
    await expect(repo.putMany('m', [{ textHash: 'd'.repeat(64), vector: Float32Array.from([3, 4]) }])).resolves.toBeUndefined();
    expect([...((await repo.getMany('m', ['d'.repeat(64)])).get('d'.repeat(64)) ?? [])]).toEqual([1, 2]);
  });
});
