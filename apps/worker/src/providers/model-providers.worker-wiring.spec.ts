import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { AppConfig, loadConfig } from '@toolgate/config';
import {
  AnalysisRunRepository,
  EmbeddingCacheRepository,
  EnvironmentRepository,
  OrganisationRepository,
  PrismaService,
  ProbeCacheRepository,
  RecommendationDraftCacheRepository,
  RouterDecisionCacheRepository,
  ServerRepository,
  ToolRegistrationRepository,
} from '@toolgate/db';
import { EnvironmentScanUseCase } from '../analysis/environment-scan.use-case';
import { createTestDatabase, startFakeOpenAI, type FakeServer, type TestDatabase } from '@toolgate/testing';
import { WorkerModule } from '../worker.module';
import { ToolIndexCaches } from '../analysis/tool-index.cache';
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

  const restart = () => new ModelProviders(app.get(AppConfig), app.get(EmbeddingCacheRepository), app.get(RouterDecisionCacheRepository), app.get(ProbeCacheRepository), app.get(RecommendationDraftCacheRepository));

  it('builds the configured providers and embeds an unchanged text once, across provider instances', async () => {
    const models = app.get(ModelProviders);
    expect(models.providers.describe()).toEqual({ embedder: 'openai:text-embedding-3-small:48', router: 'openai:gpt-4o-mini' });
    expect(app.get(ToolIndexCaches).for(models.providers.embedder)).toBe(app.get(ToolIndexCaches).for(models.providers.embedder));

    const text = 'Create a new issue in a GitHub repository.';
    const [first] = await models.providers.embedder.embed([text]);
    expect(first).toHaveLength(48);
    expect(fake.requests).toHaveLength(1);
    expect(await app.get(PrismaService).embeddingCache.count()).toBe(1);

    // Another worker (or a restart): new providers on the same Postgres, no provider call.
    const other = restart();
    const [again] = await other.providers.embedder.embed([text]);
    other.onModuleDestroy();
    expect(fake.requests).toHaveLength(1);
    expect([...again]).toEqual([...first]);
  });

  it('a re-scan run stores the embedding calls it made (and none once the vectors are cached)', async () => {
    const prisma = app.get(PrismaService);
    const organisationId = await new OrganisationRepository(prisma).ensure(`org-scan-usage-${process.pid}`, 'Org');
    const env = await new EnvironmentRepository(prisma).create(organisationId, 'production', { blockingSeverity: 'CRITICAL', stagesOnRegistration: ['LEXICAL', 'SCHEMA', 'SEMANTIC'], approvalTtlSeconds: 3600 });
    const server = await new ServerRepository(prisma).create(env.id, { name: 'tracker', transport: 'STDIO', connection: {}, syncIntervalSeconds: null, enabled: true });
    const tools = ['File a ticket in the team backlog.', 'Close a ticket in the team backlog.'].map((description, i) => ({
      name: `tool_${i}`,
      contentHash: String(i + 7).repeat(64).slice(0, 64),
      definition: { name: `tool_${i}`, description, inputSchema: { type: 'object' } },
    }));
    await app.get(ToolRegistrationRepository).registerPending({ environmentId: env.id, serverId: server.id, stages: ['LEXICAL'], tools });
    const runs = app.get(AnalysisRunRepository);
    const scan = async () => {
      const run = await runs.create(env.id, 'MANUAL', ['LEXICAL', 'SCHEMA', 'SEMANTIC']);
      await app.get(EnvironmentScanUseCase).run(run.id, async () => undefined, async () => undefined);
      return (await runs.findById(organisationId, run.id))?.usage;
    };
    const first = await scan();
    expect(first?.embeddingTokens).toBeGreaterThan(0);
    expect(first?.byModel).toEqual([expect.objectContaining({ model: 'text-embedding-3-small', kind: 'embedding', priced: true })]);
    expect(first?.costUsd).toBeGreaterThan(0);
    const second = await scan();
    expect(second).toEqual({ calls: 0, promptTokens: 0, completionTokens: 0, embeddingTokens: 0, costUsd: 0, byModel: [] });
  });
});
