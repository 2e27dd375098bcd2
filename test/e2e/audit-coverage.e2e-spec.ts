import { waitFor } from './support/app-process';
import { jiraCreateTask, registryClient, type RegistryClient, salesforceCreateTask } from './registry.client';
import { type Stack, startStack } from './support/stack';

interface Entry {
  seq: number;
  action: string;
  environmentId: string | null;
  resource: { type: string; id: string };
  actor: { type: string; id: string | null };
  requestId: string | null;
  details: Record<string, unknown>;
}

// Issue 4: every state change writes an audit entry in its own transaction. This walks the changes that
// had none before: environment creation, server creation, policy changes and the start of an analysis run.
describe('audit coverage: environments, servers, policy changes and analysis runs (real API, worker, Postgres, Redis)', () => {
  let stack: Stack;
  let admin: RegistryClient;
  let environmentId: string;
  const env = '/v1/environments/staging';

  const entries = async (query: string): Promise<Entry[]> => {
    const response = await admin.get(`/v1/audit-logs?limit=500&${query}`);
    expect(response.status).toBe(200);
    return response.body.items;
  };

  beforeAll(async () => {
    stack = await startStack();
    admin = registryClient(stack.baseUrl);
    const created = await admin.post('/v1/environments', { name: 'staging', policy: { blockingSeverity: 'HIGH', approvalTtlHours: 24 } });
    expect(created.status).toBe(201);
    environmentId = created.body.id;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('audits the creation of an environment and of a server, attributed to the caller', async () => {
    const [created] = await entries(`action=environment.created&resourceId=${environmentId}`);
    expect(created).toMatchObject({ environmentId, resource: { type: 'environment', id: environmentId }, actor: { type: 'user', id: expect.any(String) }, requestId: expect.any(String) });
    expect(created!.details).toEqual({ name: 'staging', policy: { blockingSeverity: 'HIGH', stagesOnRegistration: ['LEXICAL', 'SCHEMA', 'SEMANTIC'], approvalTtlSeconds: 86400 } });

    const server = await admin.post(`${env}/servers`, { name: 'jira', transport: 'stdio', connection: { command: 'jira-mcp' } });
    expect(server.status).toBe(201);
    const [serverEntry] = await entries(`action=server.created&resourceId=${server.body.id}`);
    expect(serverEntry).toMatchObject({ environmentId, resource: { type: 'server', id: server.body.id }, actor: { type: 'user' } });
    expect(serverEntry!.details).toEqual({ name: 'jira', transport: 'STDIO', syncIntervalSeconds: null, enabled: true });
    // A refused duplicate changes nothing and records nothing.
    expect((await admin.post(`${env}/servers`, { name: 'jira' })).status).toBe(409);
    expect(await entries('action=server.created')).toHaveLength(1);
  });

  it('PATCH changes only the given policy fields and audits policy.changed with before and after', async () => {
    const patched = await admin.patch(env, { blockingSeverity: 'CRITICAL', stagesOnRegistration: ['lexical', 'schema'] });
    expect(patched.status).toBe(200);
    expect(patched.body.policy).toEqual({ blockingSeverity: 'CRITICAL', stagesOnRegistration: ['lexical', 'schema'], approvalTtlHours: 24 });
    expect((await admin.get(env)).body.policy).toEqual(patched.body.policy);

    const changed = await entries(`action=policy.changed&resourceId=${environmentId}`);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ environmentId, resource: { type: 'environment', id: environmentId }, actor: { type: 'user' }, requestId: expect.any(String) });
    expect(changed[0]!.details).toEqual({
      before: { blockingSeverity: 'HIGH', stagesOnRegistration: ['LEXICAL', 'SCHEMA', 'SEMANTIC'], approvalTtlSeconds: 86400 },
      after: { blockingSeverity: 'CRITICAL', stagesOnRegistration: ['LEXICAL', 'SCHEMA'], approvalTtlSeconds: 86400 },
    });
    expect((await admin.get('/v1/audit-logs/verify')).body).toMatchObject({ ok: true });
  });

  it('refuses a developer (403), an invalid body (400 naming the field) and an unknown environment (404), writing nothing', async () => {
    const key = await admin.post('/v1/api-keys', { name: 'dev', role: 'developer' });
    const developer = registryClient(stack.baseUrl, { apiKey: key.body.secret });
    expect(await developer.patch(env, { approvalTtlHours: 48 })).toMatchObject({ status: 403, body: { code: 'AUTH.FORBIDDEN' } });

    const badTtl = await admin.patch(env, { approvalTtlHours: 0 });
    expect(badTtl).toMatchObject({ status: 400, body: { code: 'VALIDATION.FAILED' } });
    expect(badTtl.body.details.issues.map((i: { path: string }) => i.path)).toEqual(['body.approvalTtlHours']);
    const badSeverity = await admin.patch(env, { blockingSeverity: 'SEVERE' });
    expect(badSeverity.body.details.issues.map((i: { path: string }) => i.path)).toEqual(['body.blockingSeverity']);
    const typo = await admin.patch(env, { blockingSeverty: 'LOW' });
    expect(typo.status).toBe(400);
    expect(typo.body.message).toContain('blockingSeverty');
    expect((await admin.patch(env, {})).status).toBe(400);
    expect(await admin.patch('/v1/environments/nowhere', { approvalTtlHours: 48 })).toMatchObject({ status: 404, body: { code: 'ENVIRONMENT.NOT_FOUND' } });

    expect((await admin.get(env)).body.policy.approvalTtlHours).toBe(24);
    expect(await entries('action=policy.changed')).toHaveLength(1);
  });

  it('a re-scan writes analysis.started before analysis.completed, both about the run', async () => {
    expect((await admin.post(`${env}/servers`, { name: 'salesforce' })).status).toBe(201);
    expect((await admin.post(`${env}/tools`, { server: 'jira', ...jiraCreateTask })).status).toBe(201);
    expect((await admin.post(`${env}/tools`, { server: 'salesforce', ...salesforceCreateTask })).status).toBe(201);
    const started = await admin.post(`${env}/analysis-runs`, {});
    expect(started.status).toBe(202);
    const runId: string = started.body.id;
    await waitFor(`analysis run ${runId} to complete`, async () => ((await admin.get(`/v1/analysis-runs/${runId}`)).body.status === 'completed' ? true : undefined), 30_000);

    const trail = await entries(`resourceType=analysis_run&resourceId=${runId}`);
    expect(trail.map((e) => e.action)).toEqual(['analysis.started', 'analysis.completed']);
    expect(trail[0]!.seq).toBeLessThan(trail[1]!.seq);
    expect(trail[0]).toMatchObject({ environmentId, actor: { type: 'system' }, details: { trigger: 'MANUAL', stages: ['LEXICAL', 'SCHEMA'], retry: false } });
    expect((await admin.get('/v1/audit-logs/verify')).body).toMatchObject({ ok: true });
  });
});
