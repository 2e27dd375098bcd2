import { type FakeServer, startFakeOpenAI } from '@toolgate/testing';
import { startApp, waitFor } from './support/app-process';
import { freePort } from './support/free-port';
import { appEnv, E2E_ADMIN, type Stack, startStack } from './support/stack';
import { jiraCreateTask, logIn, registryClient, type RegistryClient, toolDef, weatherTools } from './registry.client';

// The key lives in a TOOLGATE_PROVIDER_KEY_* variable of the API and worker; environments name it.
const TEAM_KEY = 'sk-team-a-e2e-key-7c1f';

describe('per-environment provider overrides (real API and worker, fake OpenAI embeddings server)', () => {
  let stack: Stack;
  let api: RegistryClient;
  let openai: FakeServer;
  let token: Promise<string>;
  let apiEnv: Record<string, string>;

  const overrides = () => ({
    embedder: { kind: 'openai', baseUrl: `${openai.url}/v1`, model: 'text-embedding-3-small', dimensions: 64, apiKeyEnv: 'TOOLGATE_PROVIDER_KEY_TEAM_A' },
  });

  beforeAll(async () => {
    openai = await startFakeOpenAI({ apiKey: TEAM_KEY });
    const env = { TOOLGATE_PROVIDER_KEY_TEAM_A: TEAM_KEY };
    // A routing budget wide enough for a remote router: stage 4 runs inside the CI request.
    apiEnv = { ...env, CI_ROUTING_BUDGET_MS: '30000' };
    stack = await startStack({ apiEnv, workerEnv: env });
    api = registryClient(stack.baseUrl);
    token = logIn(stack.baseUrl, E2E_ADMIN);
  });
  afterAll(async () => {
    await stack?.stop();
    await openai?.close();
  });

  it('refuses raw keys, arbitrary key variables and unset ones with a 400 naming the field', async () => {
    const raw = await api.post('/v1/environments', { name: 'raw-key', providerOverrides: { embedder: { kind: 'openai', apiKey: 'sk-live-123' } } });
    expect(raw).toMatchObject({ status: 400, body: { code: 'VALIDATION.FAILED' } });
    expect(JSON.stringify(raw.body)).toContain('providerOverrides.embedder.apiKey');
    expect(JSON.stringify(raw.body)).not.toContain('sk-live-123');

    const other = await api.post('/v1/environments', { name: 'db-url', providerOverrides: { router: { kind: 'openai', baseUrl: 'https://attacker.example/v1', apiKeyEnv: 'DATABASE_URL' } } });
    expect(other.status).toBe(400);
    expect(JSON.stringify(other.body)).toContain('providerOverrides.router.apiKeyEnv');

    const unset = await api.post('/v1/environments', { name: 'unset', providerOverrides: { embedder: { kind: 'openai', apiKeyEnv: 'TOOLGATE_PROVIDER_KEY_NOBODY' } } });
    expect(unset.status).toBe(400);
    expect(JSON.stringify(unset.body)).toContain('providerOverrides.embedder.apiKeyEnv');
    expect((await api.get('/v1/environments?limit=100')).body.items.map((e: { name: string }) => e.name)).not.toContain('raw-key');
  });

  it("runs the CI gate with the environment's embedder and shows its breaker in /readiness", async () => {
    const created = await api.post('/v1/environments', { name: 'team-a', providerOverrides: overrides() });
    expect(created.status).toBe(201);
    expect(created.body.providerOverrides).toEqual(overrides());
    expect(JSON.stringify(created.body)).not.toContain(TEAM_KEY);
    expect((await api.post('/v1/environments/team-a/servers', { name: 'weather', transport: 'stdio' })).status).toBe(201);

    const before = openai.requests.length;
    const response = await fetch(`${stack.baseUrl}/v1/webhooks/ci-check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token}` },
      body: JSON.stringify({ environment: 'team-a', server: 'weather', tools: weatherTools }),
    });
    expect(response.status).toBe(200);
    const embeddingCalls = openai.requests.slice(before).filter((r) => r.path === '/v1/embeddings');
    expect(embeddingCalls.length).toBeGreaterThan(0);
    expect(embeddingCalls.every((r) => r.headers.authorization === `Bearer ${TEAM_KEY}`)).toBe(true);
    expect(openai.violations).toEqual([]);

    const readiness = (await (await fetch(`${stack.baseUrl}/readiness`)).json()) as { checks: { providers: { sets: unknown[] } } };
    const sets = readiness.checks.providers.sets as { scope: string; embedder: { model: string; breaker: string } }[];
    expect(sets[0]).toMatchObject({ scope: 'default', embedder: { breaker: 'none' } });
    expect(sets.find((s) => s.scope !== 'default')).toMatchObject({ embedder: { model: expect.stringContaining('text-embedding-3-small'), breaker: 'closed' } });
    expect(JSON.stringify(readiness)).not.toContain(TEAM_KEY);
  });

  it("routes in the CI gate with the environment's router, and a re-run on the unchanged registry asks the model nothing (shared caches)", async () => {
    const routerOverride = { router: { kind: 'openai', baseUrl: `${openai.url}/v1`, model: 'gpt-4o-mini', apiKeyEnv: 'TOOLGATE_PROVIDER_KEY_TEAM_A' } };
    const policy = { stagesOnRegistration: ['lexical', 'schema', 'semantic', 'routing'] };
    expect((await api.post('/v1/environments', { name: 'team-r', policy, providerOverrides: routerOverride })).status).toBe(201);
    for (const name of ['jira', 'tracker']) expect((await api.post(`/v1/environments/team-r/servers`, { name, transport: 'stdio' })).status).toBe(201);
    const registered = await fetch(`${stack.baseUrl}/v1/environments/team-r/tools`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token}`, prefer: 'wait=20' },
      body: JSON.stringify({ server: 'jira', ...jiraCreateTask }),
    });
    expect(registered.status).toBe(201);

    // Same purpose, near words: a HIGH pair for stage 4 (not an exact-name collision, which short-circuits it).
    const body = JSON.stringify({ environment: 'team-r', server: 'tracker', tools: [toolDef('create_jira_task', 'Create a new task (issue) in a Jira project.', { project_key: { type: 'string' }, summary: { type: 'string' } }, ['project_key', 'summary'])] });
    const check = async (baseUrl: string) => {
      const before = openai.requests.length;
      const response = await fetch(`${baseUrl}/v1/webhooks/ci-check`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await token}` }, body });
      const chat = openai.requests.slice(before).filter((r) => r.path === '/v1/chat/completions');
      return { body: (await response.json()) as { routing: { status: string; pairs: number }; conflicts: { findings: { stage: string }[] }[] }, chat };
    };
    const first = await check(stack.baseUrl);
    expect(first.body.routing).toMatchObject({ status: 'completed' });
    expect(first.body.routing.pairs).toBeGreaterThan(0);
    expect(first.chat.length).toBeGreaterThan(0);
    expect(first.chat.every((r) => r.headers.authorization === `Bearer ${TEAM_KEY}`)).toBe(true);
    expect(first.body.conflicts.some((c) => c.findings.some((f) => f.stage === 'routing'))).toBe(true);

    // Another API process (empty memory, as after a restart or on another pod): the answers come from Postgres.
    const port = await freePort();
    const other = startApp('api', appEnv(stack.databaseUrl, stack.redisPrefix, { PORT: String(port), ...apiEnv }));
    try {
      const otherUrl = `http://127.0.0.1:${port}`;
      await waitFor('the second API to answer /health', async () => ((await fetch(`${otherUrl}/health`).catch(() => undefined))?.ok ? true : undefined));
      const second = await check(otherUrl);
      expect(second.body).toEqual({ ...first.body, checkId: expect.any(String), durationMs: expect.any(Number), routing: { ...first.body.routing, reason: expect.any(String) } });
      expect(second.chat).toEqual([]);
    } finally {
      await other.stop();
    }
    expect(openai.violations).toEqual([]);
  });

  it('PATCH replaces the overrides ({} returns to the deployment providers), audited as policy.changed', async () => {
    expect((await api.post('/v1/environments', { name: 'team-b' })).status).toBe(201);
    const set = await api.patch('/v1/environments/team-b', { providerOverrides: overrides() });
    expect(set).toMatchObject({ status: 200, body: { providerOverrides: overrides() } });
    const bad = await api.patch('/v1/environments/team-b', { providerOverrides: { router: { kind: 'anthropic', token: 'x' } } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('providerOverrides.router.token');
    const cleared = await api.patch('/v1/environments/team-b', { providerOverrides: {} });
    expect(cleared).toMatchObject({ status: 200, body: { providerOverrides: {} } });
    const audited = (await api.get('/v1/audit-logs?action=policy.changed')).body.items.filter((e: { resource: { id: string } }) => e.resource.id === set.body.id);
    expect(audited.map((e: { details: { after: { providerOverrides?: unknown } } }) => e.details.after.providerOverrides)).toEqual(expect.arrayContaining([overrides(), {}]));

    // A local-provider CI check still passes on the cleared environment, without calling the fake.
    expect((await api.post('/v1/environments/team-b/servers', { name: 'tracker', transport: 'stdio' })).status).toBe(201);
    const before = openai.requests.length;
    const response = await fetch(`${stack.baseUrl}/v1/webhooks/ci-check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token}` },
      body: JSON.stringify({ environment: 'team-b', server: 'tracker', tools: [toolDef('open_ticket', 'Open a support ticket.', { title: { type: 'string' } })] }),
    });
    expect(response.status).toBe(200);
    expect(openai.requests.length).toBe(before);
  });
});
