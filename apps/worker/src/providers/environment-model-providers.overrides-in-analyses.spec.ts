import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { loadConfig } from '@toolgate/config';
import { AnalysisRunRepository, EnvironmentRepository, OrganisationRepository, PrismaService, ServerRepository, ToolRegistrationRepository } from '@toolgate/db';
import { createTestDatabase, startFakeOpenAI, type FakeServer, type TestDatabase } from '@toolgate/testing';
import { EnvironmentScanUseCase } from '../analysis/environment-scan.use-case';
import { RegistrationAnalysisUseCase } from '../analysis/registration-analysis.use-case';
import { ShardedScanUseCase } from '../analysis/sharded-scan.use-case';
import { ToolIndexCaches } from '../analysis/tool-index.cache';
import { WorkerModule } from '../worker.module';
import { EnvironmentModelProviders } from './environment-model-providers';
import { ModelProviders } from './model-providers';

const KEY = 'sk-worker-overrides-0123456789';
const KEY_VARIABLE = 'TOOLGATE_PROVIDER_KEY_WORKER_OVERRIDES_SPEC';
const STAGES = ['LEXICAL', 'SCHEMA', 'SEMANTIC'] as const;
const POLICY = { blockingSeverity: 'CRITICAL' as const, stagesOnRegistration: [...STAGES], approvalTtlSeconds: 3600 };

/** Registry tools with descriptions no other spec embeds (the Postgres embedding cache is per test database anyway). */
function tools(prefix: string, descriptions: string[]) {
  return descriptions.map((description, i) => ({
    name: `${prefix}_${i}`,
    contentHash: `${prefix}${i}`.padEnd(64, '0').slice(0, 64),
    definition: { name: `${prefix}_${i}`, description, inputSchema: { type: 'object' } },
  }));
}

describe('worker: every analysis of an environment uses its provider overrides', () => {
  let db: TestDatabase;
  let fake: FakeServer;
  let app: INestApplicationContext;
  const embeddings = () => fake.requests.filter((r) => r.path === '/v1/embeddings').length;

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'toolgate_env_overrides' });
    fake = await startFakeOpenAI({ apiKey: KEY });
    // The override names the variable holding its key; the key itself is never stored.
    process.env[KEY_VARIABLE] = KEY;
    // The deployment: local embedder and router (no remote call at all).
    const config = loadConfig({
      DATABASE_URL: db.url,
      REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `env-overrides-spec-${process.pid}`,
      LOG_LEVEL: 'silent',
    });
    app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
    await db?.drop();
    delete process.env[KEY_VARIABLE];
  });

  async function environment(name: string, providerOverrides: Record<string, unknown>) {
    const prisma = app.get(PrismaService);
    const organisationId = await new OrganisationRepository(prisma).ensure(`org-overrides-${process.pid}`, 'Org');
    const env = await new EnvironmentRepository(prisma).create(organisationId, name, POLICY, undefined, providerOverrides);
    const server = await new ServerRepository(prisma).create(env.id, { name: 'tracker', transport: 'STDIO', connection: {}, syncIntervalSeconds: null, enabled: true });
    const register = (items: ReturnType<typeof tools>) => app.get(ToolRegistrationRepository).registerPending({ environmentId: env.id, serverId: server.id, stages: [...STAGES], tools: items });
    const usageOf = async (runId: string) => (await app.get(AnalysisRunRepository).findById(organisationId, runId))?.usage;
    return { env, register, usageOf };
  }

  const rescan = async (environmentId: string) => {
    const run = await app.get(AnalysisRunRepository).create(environmentId, 'MANUAL', [...STAGES]);
    await app.get(EnvironmentScanUseCase).run(run.id, async () => undefined, async () => undefined);
    return run.id;
  };

  it('an environment whose embedder override points at a remote server embeds there in its registration, re-scan and shards, and each run stores those calls', async () => {
    const overrides = { embedder: { kind: 'openai', model: 'text-embedding-3-small', dimensions: 48, baseUrl: `${fake.url}/v1`, apiKeyEnv: KEY_VARIABLE } };
    const { env, register, usageOf } = await environment('overridden', overrides);
    const providers = app.get(EnvironmentModelProviders).for(env);
    expect(providers.describe().embedder).toBe('openai:text-embedding-3-small:48');
    // Its re-scans read an index of their own, never one embedded by the deployment's embedder.
    const caches = app.get(ToolIndexCaches);
    expect(caches.for(providers.embedder)).not.toBe(caches.for(app.get(ModelProviders).providers.embedder));

    // Registration analysis.
    const registered = await register(tools('ticket', ['File a ticket in the team backlog.', 'Close a ticket in the team backlog.']));
    let before = embeddings();
    await app.get(RegistrationAnalysisUseCase).run(registered.runId, registered.tools.map((t) => t.version.id), async () => undefined);
    const byRegistration = embeddings() - before;
    expect(byRegistration).toBeGreaterThan(0);
    expect(fake.violations).toEqual([]);
    const registration = await usageOf(registered.runId);
    expect(registration?.byModel).toEqual([expect.objectContaining({ model: 'text-embedding-3-small', kind: 'embedding', calls: byRegistration, priced: true })]);
    expect(registration?.embeddingTokens).toBeGreaterThan(0);
    expect(registration?.costUsd).toBeGreaterThan(0);

    // Full re-scan, with one new tool (its text was never embedded: the Postgres cache cannot answer it).
    await register(tools('label', ['Attach a label to a ticket in the team backlog.']));
    before = embeddings();
    const scanRun = await rescan(env.id);
    const byScan = embeddings() - before;
    expect(byScan).toBeGreaterThan(0);
    expect((await usageOf(scanRun))?.byModel).toEqual([expect.objectContaining({ model: 'text-embedding-3-small', kind: 'embedding', calls: byScan })]);

    // Sharded re-scan: each shard embeds on the environment's providers, the merge stores the sum.
    await register(tools('assign', ['Assign a ticket in the team backlog to a person.']));
    const sharded = app.get(ShardedScanUseCase);
    const run = await app.get(AnalysisRunRepository).create(env.id, 'MANUAL', [...STAGES]);
    before = embeddings();
    const shards = [await sharded.scanShard(run.id, 0, 2), await sharded.scanShard(run.id, 1, 2)];
    const byShards = embeddings() - before;
    expect(byShards).toBeGreaterThan(0);
    await sharded.merge(run.id, shards);
    expect((await usageOf(run.id))?.byModel).toEqual([expect.objectContaining({ model: 'text-embedding-3-small', kind: 'embedding', calls: byShards })]);
  });

  it('an environment without overrides analyses on the deployment providers: no remote call, no usage', async () => {
    const { env, register, usageOf } = await environment('default', {});
    expect(app.get(EnvironmentModelProviders).for(env)).toBe(app.get(ModelProviders).providers);
    const before = fake.requests.length;
    const registered = await register(tools('issue', ['Open an issue in the project tracker.', 'Close an issue in the project tracker.']));
    await app.get(RegistrationAnalysisUseCase).run(registered.runId, registered.tools.map((t) => t.version.id), async () => undefined);
    await register(tools('note', ['Add a note to an issue in the project tracker.']));
    const scanRun = await rescan(env.id);
    expect(fake.requests.length).toBe(before);
    const empty = { calls: 0, promptTokens: 0, completionTokens: 0, embeddingTokens: 0, costUsd: 0, byModel: [] };
    expect(await usageOf(registered.runId)).toEqual(empty);
    expect(await usageOf(scanRun)).toEqual(empty);
  });
});
