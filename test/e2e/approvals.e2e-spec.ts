import { Client } from 'pg';
import { jiraCreateTask, registryClient, type RegistryClient, toolDef } from './registry.client';
import { type Stack, startStack } from './support/stack';

// Blocked → approval → approve / reject / expire, with the four-eyes rule and concurrent decisions.
// Identities are API keys, so the requester of an auto-created request is the registering key.
describe('approval requests (real API, Postgres, Redis)', () => {
  let stack: Stack;
  let admin: RegistryClient;
  const as: Record<'viewer' | 'dev' | 'reviewer' | 'reviewer2', RegistryClient> = {} as never;
  const keyIds: Record<string, string> = {};
  const env = '/v1/environments/prod';
  let nextServer = 0;

  /** Registers a `create_task` twin on a fresh server: a CRITICAL collision with jira's, so BLOCKED. */
  async function blockedTool(by: RegistryClient, description = 'Create a task in the project tracker.') {
    const server = `tracker${nextServer++}`;
    expect((await admin.post(`${env}/servers`, { name: server })).status).toBe(201);
    const response = await by.post(`${env}/tools`, { server, ...toolDef('create_task', description, { title: { type: 'string' } }, ['title']) });
    expect(response.body.tool.status).toBe('BLOCKED');
    const pending = await admin.get(`/v1/approvals?status=PENDING&environment=prod&limit=200`);
    const approval = pending.body.items.find((a: { tool: { id: string } }) => a.tool.id === response.body.tool.id);
    return { server, tool: response.body.tool, version: response.body.version, approval };
  }

  beforeAll(async () => {
    stack = await startStack();
    admin = registryClient(stack.baseUrl);
    await admin.post('/v1/environments', { name: 'prod' });
    await admin.post(`${env}/servers`, { name: 'jira' });
    await admin.post(`${env}/tools`, { server: 'jira', ...jiraCreateTask });
    for (const [name, role] of [['viewer', 'viewer'], ['dev', 'developer'], ['reviewer', 'reviewer'], ['reviewer2', 'reviewer']] as const) {
      const key = (await admin.post('/v1/api-keys', { name, role })).body;
      keyIds[name] = key.id;
      as[name] = registryClient(stack.baseUrl, { apiKey: key.secret });
    }
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('opens a request automatically when registration blocks a version, linking the version and its blocking conflicts', async () => {
    const before = Date.now();
    const { tool, version, approval } = await blockedTool(as.dev);
    expect(approval).toMatchObject({
      status: 'PENDING',
      toolVersion: { id: version.id, version: 1 },
      tool: { id: tool.id, status: 'BLOCKED' },
      requester: { type: 'API_KEY', id: keyIds['dev'] },
      decider: null,
    });
    expect(approval.conflicts.length).toBeGreaterThan(0);
    expect(approval.conflicts[0]).toMatchObject({ severity: 'CRITICAL', recommendations: expect.any(Array) });
    // TTL from the environment policy: 168 hours by default.
    expect(Date.parse(approval.expiresAt) - before).toBeGreaterThan(167.9 * 3600_000);
    expect((await as.viewer.get(`/v1/approvals/${approval.id}`)).body.id).toBe(approval.id);

    // The same definition again stores nothing and opens nothing; a hand-made request returns the pending one.
    await as.dev.post(`${env}/tools`, { server: 'tracker0', ...toolDef('create_task', 'Create a task in the project tracker.', { title: { type: 'string' } }, ['title']) });
    expect((await admin.get('/v1/approvals?status=PENDING')).body.items.filter((a: { tool: { id: string } }) => a.tool.id === tool.id)).toHaveLength(1);
    expect(await as.dev.post('/v1/approvals', { toolId: tool.id })).toMatchObject({ status: 200, body: { id: approval.id } });
  });

  it('lets a reviewer approve with a reason: the version becomes the approved one and the tool ACTIVE, with an audit entry', async () => {
    const { tool, version, approval } = await blockedTool(as.dev);
    expect((await as.dev.post(`/v1/approvals/${approval.id}/approve`, { reason: 'mine' })).status).toBe(403);
    expect((await as.reviewer.post(`/v1/approvals/${approval.id}/approve`, {})).status).toBe(400);
    const approved = await as.reviewer.post(`/v1/approvals/${approval.id}/approve`, { reason: 'distinct enough for our agents' });
    expect(approved).toMatchObject({ status: 200, body: { status: 'APPROVED', decider: { type: 'API_KEY', id: keyIds['reviewer'] }, reason: 'distinct enough for our agents', registryChanged: false } });
    const detail = await admin.get(`/v1/tools/${tool.id}`);
    expect(detail.body).toMatchObject({ status: 'ACTIVE', approvedVersionId: version.id });
    const audit = await admin.get(`/v1/audit-logs?action=approval.approved&resourceId=${approval.id}`);
    expect(audit.body.items).toEqual([expect.objectContaining({ action: 'approval.approved', actor: expect.objectContaining({ type: 'api_key', id: keyIds['reviewer'] }) })]);
  });

  it('refuses self-approval (the requester is a reviewer) but lets another reviewer decide', async () => {
    const { approval } = await blockedTool(as.reviewer, 'Create a new task item in the tracker.');
    expect(await as.reviewer.post(`/v1/approvals/${approval.id}/approve`, { reason: 'trust me' })).toMatchObject({ status: 422, body: { code: 'APPROVAL.SELF_APPROVAL' } });
    expect((await as.reviewer2.post(`/v1/approvals/${approval.id}/approve`, { reason: 'checked' })).status).toBe(200);
  });

  it('rejects: the tool becomes REJECTED and the request cannot be decided again', async () => {
    const { tool, approval } = await blockedTool(as.dev, 'Creates a task.');
    expect((await as.reviewer.post(`/v1/approvals/${approval.id}/reject`, { reason: 'rename it first' })).body.status).toBe('REJECTED');
    expect((await admin.get(`/v1/tools/${tool.id}`)).body.status).toBe('REJECTED');
    expect(await as.reviewer2.post(`/v1/approvals/${approval.id}/approve`, { reason: 'late' })).toMatchObject({ status: 409, body: { code: 'APPROVAL.ALREADY_DECIDED', details: { status: 'REJECTED' } } });
  });

  it('settles concurrent decisions: exactly one wins, the other gets 409', async () => {
    for (let round = 0; round < 4; round++) {
      const { approval } = await blockedTool(as.dev, `Create a task (round ${round}).`);
      const [a, b] = await Promise.all([
        as.reviewer.post(`/v1/approvals/${approval.id}/approve`, { reason: 'a' }),
        as.reviewer2.post(`/v1/approvals/${approval.id}/reject`, { reason: 'b' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(loser.body.code).toBe('APPROVAL.ALREADY_DECIDED');
      const final = (await admin.get(`/v1/approvals/${approval.id}`)).body.status;
      expect(final).toBe(a.status === 200 ? 'APPROVED' : 'REJECTED');
    }
  });

  it('supersedes a pending request when a new version arrives, and refuses an expired one', async () => {
    const { server, approval } = await blockedTool(as.dev, 'Create a task, first wording.');
    const v2 = await as.dev.post(`${env}/tools`, { server, ...toolDef('create_task', 'Create a task, second wording.', { title: { type: 'string' } }, ['title']) });
    expect(v2.body.version.version).toBe(2);
    expect((await admin.get(`/v1/approvals/${approval.id}`)).body).toMatchObject({ status: 'EXPIRED', reason: 'superseded by version 2' });
    const current = (await admin.get('/v1/approvals?status=PENDING&limit=200')).body.items.find((a: { toolVersion: { id: string } }) => a.toolVersion.id === v2.body.version.id);
    expect(current).toBeDefined();

    // Past its expiry (moved back in the database): it cannot be decided, and becomes EXPIRED.
    const db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    await db.query(`UPDATE "ApprovalRequest" SET "expiresAt" = now() - interval '1 second' WHERE id = $1`, [current.id]);
    await db.end();
    expect(await as.reviewer.post(`/v1/approvals/${current.id}/approve`, { reason: 'too late' })).toMatchObject({ status: 409, body: { code: 'APPROVAL.EXPIRED' } });
    expect((await admin.get(`/v1/approvals/${current.id}`)).body.status).toBe('EXPIRED');
  });

  it('says so when the blocking conflicts changed between the request and the approval', async () => {
    const { tool, approval } = await blockedTool(as.dev, 'Create a task for the sprint board.');
    const reviewed = approval.conflicts.map((c: { id: string }) => c.id);
    // A later twin collides with this tool too: a blocking conflict nobody reviewed.
    const later = await blockedTool(as.dev, 'Create a task on the kanban board.');
    const added = later.approval.conflicts.filter((c: { toolA: { id: string }; toolB: { id: string } }) => c.toolA.id === tool.id || c.toolB.id === tool.id).map((c: { id: string }) => c.id);
    expect(added).toHaveLength(1);
    const approved = await as.reviewer.post(`/v1/approvals/${approval.id}/approve`, { reason: 'ok' });
    expect(approved.body).toMatchObject({ status: 'APPROVED', registryChanged: true, changes: { added, gone: [] } });
    expect(approved.body.conflicts.map((c: { id: string }) => c.id)).toEqual(reviewed);
  });

  it('opens requests by hand only for BLOCKED tools, developer+', async () => {
    const active = (await admin.get(`${env}/tools`)).body.items.find((t: { name: string; server: string }) => t.server === 'jira');
    expect(await as.dev.post('/v1/approvals', { toolId: active.id })).toMatchObject({ status: 422, body: { code: 'APPROVAL.NOT_BLOCKED' } });
    expect((await as.viewer.post('/v1/approvals', { toolId: active.id })).status).toBe(403);
    expect((await as.dev.post('/v1/approvals', { toolId: '00000000-0000-7000-8000-000000000000' })).body.code).toBe('TOOL.NOT_FOUND');
  });
});
