import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { AppConfig, loadConfig } from '@toolgate/config';
import { EmbeddingCacheRepository, PrismaService } from '@toolgate/db';
import { createTestDatabase, startFakeOpenAI, type FakeServer, type TestDatabase } from '@toolgate/testing';
import { WorkerModule } from '../worker.module';
import { ToolIndexCache } from '../analysis/tool-index.cache';
import { ModelProviders } from './model-providers';

const KEY = 'sk-worker-wiring-0123456789';

describe('worker: providers chosen by config, remote embeddings cached in Postgres', () => {
  let db: TestDatabase;
  let fake: FakeServer;
  let app: INestApplicationContext;
  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'toolgate_providers' });
    fake = await startFakeOpenAI({ apiKey: KEY });
    const config = loadConfig({
      DATABASE_URL: db.url,
      REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `providers-spec-${process.pid}`,
      LOG_LEVEL: 'silent',
      EMBEDDER: 'openai',
      ROUTER: 'openai',
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: `${fake.url}/v1`,
      EMBEDDING_DIMENSIONS: '48',
    });
    app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
    await db?.drop();
  });

  it('builds the configured providers and embeds an unchanged text once, across provider instances', async () => {
    const models = app.get(ModelProviders);
    expect(models.providers.describe()).toEqual({ embedder: 'openai:text-embedding-3-small:48', router: 'openai:gpt-4o-mini' });
    expect(app.get(ToolIndexCache)).toBeDefined();

    const text = 'Create a new issue in a GitHub repository.';
    const [first] = await models.providers.embedder.embed([text]);
    expect(first).toHaveLength(48);
    expect(fake.requests).toHaveLength(1);
    expect(await app.get(PrismaService).embeddingCache.count()).toBe(1);

    // Another worker (or a restart): new providers on the same Postgres, no provider call.
    const other = new ModelProviders(app.get(AppConfig), app.get(EmbeddingCacheRepository));
    const [again] = await other.providers.embedder.embed([text]);
    other.onModuleDestroy();
    expect(fake.requests).toHaveLength(1);
    expect([...again]).toEqual([...first]);
  });
});
