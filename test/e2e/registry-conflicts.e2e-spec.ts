import { type Stack, startStack } from './support/stack';
import { jiraCreateTask, registryClient, type RegistryClient, salesforceCreateTask, toolDef } from './registry.client';

describe('registry API: conflicts, dedup and health (real API, Postgres, Redis)', () => {
  let stack: Stack;
  let api: RegistryClient;
  const env = '/v1/environments/staging';
  let jiraId: string;
  let conflictId: string;

  beforeAll(async () => {
    stack = await startStack();
    api = registryClient(stack.baseUrl);
    await api.post('/v1/environments', { name: 'staging' });
    for (const name of ['jira', 'salesforce', 'asana']) await api.post(`${env}/servers`, { name });
    jiraId = (await api.post(`${env}/tools`, { server: 'jira', ...jiraCreateTask })).body.tool.id;
    conflictId = (await api.post(`${env}/tools`, { server: 'salesforce', ...salesforceCreateTask })).body.conflicts[0].id;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('shows a conflict with findings, evidence and recommendations, and lists it with filters', async () => {
    const detail = await api.get(`/v1/conflicts/${conflictId}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ status: 'OPEN', severity: 'CRITICAL' });
    expect(detail.body.findings[0]).toMatchObject({ stage: 'lexical', evidence: expect.any(Object) });
    expect(detail.body.recommendations.length).toBeGreaterThan(0);
    for (const r of detail.body.recommendations) expect(r.verification.scoreAfter).toBeLessThan(r.verification.scoreBefore);

    expect((await api.get(`${env}/conflicts?severity=CRITICAL`)).body.items.map((c: { id: string }) => c.id)).toEqual([conflictId]);
    expect((await api.get(`${env}/conflicts?tool=${jiraId}`)).body.items).toHaveLength(1);
    expect((await api.get(`${env}/conflicts?status=RESOLVED`)).body.items).toEqual([]);
    expect((await api.get('/v1/conflicts/00000000-0000-7000-8000-000000000000')).body.code).toBe('CONFLICT.NOT_FOUND');
  });

  it('reports registry health from unresolved conflicts', async () => {
    const health = await api.get(`${env}/health`);
    // One CRITICAL (10 points) over 2 registry tools: 100 - 10 × 10 / 2.
    expect(health.body).toMatchObject({ score: 50, tools: { registry: 2 }, conflicts: { unresolved: 1, unresolvedBySeverity: { CRITICAL: 1 }, byStatus: { OPEN: 1 } } });
  });

  it('walks the status transitions and refuses invalid ones with stable codes', async () => {
    const noReason = await api.patch(`/v1/conflicts/${conflictId}`, { status: 'SUPPRESSED' });
    expect(noReason).toMatchObject({ status: 400, body: { code: 'VALIDATION.FAILED', details: { issues: [{ path: 'body.reason' }] } } });

    expect((await api.patch(`/v1/conflicts/${conflictId}`, { status: 'ACKNOWLEDGED' })).body.status).toBe('ACKNOWLEDGED');
    const back = await api.patch(`/v1/conflicts/${conflictId}`, { status: 'OPEN' });
    expect(back).toMatchObject({ status: 422, body: { code: 'CONFLICT.INVALID_TRANSITION', details: { from: 'ACKNOWLEDGED', to: 'OPEN' } } });

    const suppressed = await api.patch(`/v1/conflicts/${conflictId}`, { status: 'SUPPRESSED', reason: 'Different products; agents get one server each' });
    expect(suppressed.body).toMatchObject({ status: 'SUPPRESSED', suppressionReason: 'Different products; agents get one server each' });
    expect((await api.patch(`/v1/conflicts/${conflictId}`, { status: 'OPEN' })).body.status).toBe('OPEN');
    const resolved = await api.patch(`/v1/conflicts/${conflictId}`, { status: 'RESOLVED' });
    expect(resolved.body.status).toBe('RESOLVED');
    expect(resolved.body.resolvedAt).not.toBeNull();
    expect((await api.patch(`/v1/conflicts/${conflictId}`, { status: 'ACKNOWLEDGED' })).body.code).toBe('CONFLICT.INVALID_TRANSITION');
  });

  it('never duplicates a conflict: re-registering and re-checking update the one row (and reopen it)', async () => {
    const changed = { server: 'salesforce', ...salesforceCreateTask, description: `${salesforceCreateTask.description} Assigns an owner.` };
    const response = await api.post(`${env}/tools`, changed);
    expect(response.body.tool.status).toBe('BLOCKED');
    expect(response.body.conflicts.map((c: { id: string }) => c.id)).toEqual([conflictId]);
    expect((await api.get(`/v1/conflicts/${conflictId}`)).body.status).toBe('OPEN');

    await api.post(`${env}/tools`, { ...changed, description: `${changed.description} Again.` });
    await api.post(`${env}/tools/check`, { server: 'salesforce', tools: [salesforceCreateTask] });
    const all = await api.get(`${env}/conflicts`);
    expect(all.body.items.map((c: { id: string }) => c.id)).toEqual([conflictId]);
  });

  it('pages conflicts by cursor', async () => {
    // Two more servers' create_task collide with jira and with each other: 1 + 3 pairs... at least 3 conflicts in all.
    await api.post(`${env}/tools`, { server: 'asana', ...toolDef('create_task', 'Create a task in an Asana project.', { name: { type: 'string' } }, ['name']) });
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await api.get(`${env}/conflicts?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      ids.push(...page.body.items.map((c) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('resolves the conflicts of a deleted tool automatically and keeps its history', async () => {
    const removed = await api.delete(`/v1/tools/${jiraId}`);
    expect(removed.status).toBe(200);
    expect(removed.body.tool).toMatchObject({ status: 'REMOVED', deletedAt: expect.any(String) });
    expect(removed.body.resolvedConflictIds).toContain(conflictId);

    const conflict = await api.get(`/v1/conflicts/${conflictId}`);
    expect(conflict.body.status).toBe('RESOLVED');
    expect((await api.get(`/v1/tools/${jiraId}`)).body.versions).toHaveLength(1);
    expect((await api.get(`${env}/conflicts?tool=${jiraId}&status=OPEN`)).body.items).toEqual([]);
    expect((await api.get(`${env}/tools?server=jira`)).body.items).toEqual([]);
    expect((await api.delete(`/v1/tools/${jiraId}`)).body.resolvedConflictIds).toEqual([]);
    // The tools jira was blocking were re-analysed, but they still collide with each other.
    expect(removed.body.reanalysedTools.map((t: { server: string; status: string }) => `${t.server}:${t.status}`).sort()).toEqual(['asana:BLOCKED', 'salesforce:BLOCKED']);
  });

  it('unblocks a tool once the last tool it conflicted with is removed, and the registry is healthy again', async () => {
    const asana = (await api.get(`${env}/tools?server=asana`)).body.items[0];
    const removed = await api.delete(`/v1/tools/${asana.id}`);
    expect(removed.body.reanalysedTools).toMatchObject([{ server: 'salesforce', name: 'createTask', status: 'ACTIVE' }]);
    const salesforce = (await api.get(`/v1/tools/${removed.body.reanalysedTools[0].id}`)).body;
    expect(salesforce.approvedVersionId).toBe(salesforce.currentVersion.id);
    expect((await api.get(`${env}/health`)).body).toMatchObject({ score: 100, tools: { registry: 1 }, conflicts: { unresolved: 0 } });
  });
});
