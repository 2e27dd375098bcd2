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
import { makeTool } from '@toolgate/pipeline';
import { analyzeWithProviders } from '@toolgate/providers';
import { createTestDatabase, schemaInstance, startFakeOpenAI, type FakeServer, type TestDatabase } from '@toolgate/testing';
import { RegistrationAnalysisUseCase } from '../analysis/registration-analysis.use-case';
import { WorkerModule } from '../worker.module';
import { ModelProviders } from './model-providers';

const KEY = 'sk-worker-caches-0123456789';
const GITHUB = { name: 'create_issue', description: 'Create a new issue in a GitHub repository.', inputSchema: { type: 'object', properties: { repo: { type: 'string' }, title: { type: 'string' } } } };
const GITLAB = { name: 'open_issue', description: 'Create a new issue in a GitLab repository project.', inputSchema: { type: 'object', properties: { project: { type: 'string' }, title: { type: 'string' } } } };

describe('worker: router answers and LLM probes cached in Postgres; a registration run stores its usage', () => {
  let db: TestDatabase;
  let fake: FakeServer;
  let app: INestApplicationContext;
  const chat = () => fake.requests.filter((r) => r.path === '/v1/chat/completions').length;
  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'toolgate_provider_caches' });
    fake = await startFakeOpenAI({
      apiKey: KEY,
      // Probes: the default (three per side); patches: one description rewrite.
      structured: (call) =>
        call.name === 'submit_patches' ? { json: { patches: [{ kind: 'description', name: null, description: 'Files a ticket on github.com with labels.', rationale: 'Say the platform.' }] } } : schemaInstance(call),
    });
    const config = loadConfig({
      DATABASE_URL: db.url,
      REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `provider-caches-spec-${process.pid}`,
      LOG_LEVEL: 'silent',
      ROUTER: 'openai',
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: `${fake.url}/v1`,
      PROBE_GENERATOR: 'llm',
      LLM_RECOMMENDATIONS: 'true',
    });
    app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
    await db?.drop();
  });

  it('a second analysis of the unchanged pair, by a restarted worker, makes zero router, probe and recommendation calls', async () => {
    const registry = [makeTool('github', GITHUB), makeTool('gitlab', GITLAB)];
    const options = { trials: 2, probesPerTool: 3, recommendFrom: 'NONE' as const };
    const first = await analyzeWithProviders({ registry }, app.get(ModelProviders).providers, options);
    expect(fake.violations).toEqual([]);
    const routing = first.conflicts[0]?.findings.find((f) => f.stage === 'routing');
    // The fake's default structured answer: three probes per side, written by the model, not the templates.
    expect(routing?.evidence).toMatchObject({ probeSource: 'openai:gpt-4o-mini', probes: 6 });
    const calls = chat();
    expect(calls).toBe(1 + 6 * 2); // one probe prompt, then 6 probes x 2 trials
    const prisma = app.get(PrismaService);
    expect(await prisma.routerDecisionCache.count()).toBe(12);
    expect(await prisma.probeCache.count()).toBe(1);

    // Another worker process on the same Postgres: new providers, empty memory.
    const restarted = new ModelProviders(app.get(AppConfig), app.get(EmbeddingCacheRepository), app.get(RouterDecisionCacheRepository), app.get(ProbeCacheRepository), app.get(RecommendationDraftCacheRepository));
    const again = await analyzeWithProviders({ registry }, restarted.providers, options).finally(() => restarted.onModuleDestroy());
    expect(chat()).toBe(calls);
    expect(restarted.providers.meter.total().calls).toBe(0);
    expect(again.conflicts[0]?.findings.find((f) => f.stage === 'routing')?.evidence).toEqual(routing?.evidence);

    // With recommendations: the drafts are asked for once (per side), then come from Postgres too.
    const recommending = { ...options, recommendFrom: 'LOW' as const };
    const withDrafts = await analyzeWithProviders({ registry }, app.get(ModelProviders).providers, recommending);
    expect(await prisma.recommendationDraftCache.count()).toBe(2);
    const afterDrafts = chat();
    const restartedAgain = new ModelProviders(app.get(AppConfig), app.get(EmbeddingCacheRepository), app.get(RouterDecisionCacheRepository), app.get(ProbeCacheRepository), app.get(RecommendationDraftCacheRepository));
    const cached = await analyzeWithProviders({ registry }, restartedAgain.providers, recommending).finally(() => restartedAgain.onModuleDestroy());
    expect(chat()).toBe(afterDrafts);
    expect(cached.conflicts[0]?.recommendations).toEqual(withDrafts.conflicts[0]?.recommendations);
  });

  it('a registration analysis records its own calls, tokens and cost on the run', async () => {
    const prisma = app.get(PrismaService);
    const organisationId = await new OrganisationRepository(prisma).ensure(`org-usage-${process.pid}`, 'Org');
    const env = await new EnvironmentRepository(prisma).create(organisationId, 'production', { blockingSeverity: 'CRITICAL', stagesOnRegistration: ['LEXICAL', 'SCHEMA', 'SEMANTIC', 'ROUTING'], approvalTtlSeconds: 3600 });
    const server = await new ServerRepository(prisma).create(env.id, { name: 'tracker', transport: 'STDIO', connection: {}, syncIntervalSeconds: null, enabled: true });
    // Different descriptions from the first test: not in the caches, so the run has to call the model.
    const tools = [
      { ...GITHUB, name: 'file_ticket', description: 'File a new ticket in the tracker backlog for a team.' },
      { ...GITLAB, name: 'raise_ticket', description: 'Raise a new ticket in the tracker backlog for a project team.' },
    ].map((definition, i) => ({ name: definition.name, contentHash: String(i + 1).repeat(64), definition }));
    const { runId, tools: registered } = await app.get(ToolRegistrationRepository).registerPending({ environmentId: env.id, serverId: server.id, stages: ['LEXICAL', 'SCHEMA', 'SEMANTIC', 'ROUTING'], tools });
    const before = chat();
    await app.get(RegistrationAnalysisUseCase).run(runId, registered.map((t) => t.version.id), async () => undefined);
    const made = chat() - before;
    expect(made).toBeGreaterThan(0);

    const run = await app.get(AnalysisRunRepository).findById(organisationId, runId);
    expect(run?.status).toBe('COMPLETED');
    expect(run?.usage.calls).toBe(made);
    expect(run?.usage.byModel).toEqual([expect.objectContaining({ model: 'gpt-4o-mini', kind: 'chat', calls: made, priced: true })]);
    expect(run?.usage.promptTokens).toBeGreaterThan(0);
    expect(run?.usage.costUsd).toBeGreaterThan(0);
  });
});
