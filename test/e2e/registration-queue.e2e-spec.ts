import { waitFor } from './support/app-process';
import { E2E_ADMIN, type Stack, startStack } from './support/stack';
import { jiraCreateTask, logIn, registryClient, type RegistryClient, salesforceCreateTask, weatherTools } from './registry.client';

describe('registration on the analysis queue (Prefer: respond-async; real API, worker, Postgres, Redis)', () => {
  let stack: Stack;
  let api: RegistryClient;
  let token: Promise<string>;
  const env = '/v1/environments/production';

  async function registerAsync(path: string, body: unknown) {
    const response = await fetch(`${stack.baseUrl}${env}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token}`, prefer: 'respond-async' },
      body: JSON.stringify(body),
    });
    return { status: response.status, applied: response.headers.get('preference-applied'), body: JSON.parse(await response.text()) };
  }

  async function runToEnd(id: string) {
    return waitFor(`run ${id}`, async () => {
      const run = (await api.get(`/v1/analysis-runs/${id}`)).body;
      return run.status === 'completed' || run.status === 'failed' ? run : undefined;
    });
  }

  beforeAll(async () => {
    stack = await startStack();
    api = registryClient(stack.baseUrl);
    token = logIn(stack.baseUrl, E2E_ADMIN);
    expect((await api.post('/v1/environments', { name: 'production' })).status).toBe(201);
    for (const name of ['jira', 'salesforce', 'weather']) expect((await api.post(`${env}/servers`, { name, transport: 'stdio' })).status).toBe(201);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('stores the tool PENDING_ANALYSIS (202) and the worker makes it ACTIVE and approved', async () => {
    const response = await registerAsync('/tools', { server: 'jira', ...jiraCreateTask });
    expect(response).toMatchObject({ status: 202, applied: 'respond-async', body: { outcome: 'created', tool: { status: 'PENDING_ANALYSIS', approvedVersionId: null }, conflicts: [] } });
    const run = await runToEnd(response.body.analysisRunId);
    expect(run).toMatchObject({ status: 'completed', trigger: 'registration', counts: { tools: 1, conflicts: 0 } });
    const tool = (await api.get(`/v1/tools/${response.body.tool.id}`)).body;
    expect(tool).toMatchObject({ status: 'ACTIVE', approvedVersionId: response.body.version.id });
  });

  it('blocks a colliding tool once analysed, with the conflict and its recommendations stored', async () => {
    const response = await registerAsync('/tools', { server: 'salesforce', ...salesforceCreateTask });
    expect(response.status).toBe(202);
    const run = await runToEnd(response.body.analysisRunId);
    expect(run).toMatchObject({ status: 'completed', counts: { conflicts: 1 } });
    expect((await api.get(`/v1/tools/${response.body.tool.id}`)).body.status).toBe('BLOCKED');
    const [conflict] = (await api.get(`${env}/conflicts`)).body.items;
    expect(conflict).toMatchObject({ severity: 'CRITICAL', status: 'OPEN', firstSeenRunId: run.id });
    const detail = (await api.get(`/v1/conflicts/${conflict.id}`)).body;
    expect(detail.recommendations.length).toBeGreaterThanOrEqual(1);
    expect(detail.recommendations.every((r: { targetToolId: string }) => r.targetToolId === response.body.tool.id)).toBe(true);
    // As with synchronous registration, the blocked version waits in an approval request opened for the registering user.
    const approvals = (await api.get('/v1/approvals')).body.items;
    expect(approvals).toEqual([
      expect.objectContaining({ status: 'PENDING', tool: expect.objectContaining({ id: response.body.tool.id }), toolVersion: expect.objectContaining({ id: response.body.version.id }), requester: { type: 'USER', id: expect.any(String) } }),
    ]);
  });

  it('queues a bulk registration as one run; an identical repeat is a synchronous no-op (200)', async () => {
    const response = await registerAsync('/tools:bulk', { server: 'weather', tools: weatherTools });
    expect(response.status).toBe(202);
    expect(response.body.items.map((i: { tool: { status: string } }) => i.tool.status)).toEqual(['PENDING_ANALYSIS', 'PENDING_ANALYSIS', 'PENDING_ANALYSIS']);
    expect((await runToEnd(response.body.analysisRunId)).counts.tools).toBe(5);
    const statuses = (await api.get(`${env}/tools?server=weather`)).body.items.map((t: { status: string }) => t.status);
    expect(statuses).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);

    const again = await registerAsync('/tools:bulk', { server: 'weather', tools: weatherTools });
    expect(again.status).toBe(200);
    expect(again.body.analysisRunId).toBeUndefined();
    expect(again.body.items.map((i: { outcome: string }) => i.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });
});
