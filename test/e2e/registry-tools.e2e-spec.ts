import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Stack, startStack } from './support/stack';
import { jiraCreateTask, registryClient, type RegistryClient, salesforceCreateTask, toolDef, weatherTools } from './registry.client';

describe('registry API: environments, servers, tools (real API, Postgres, Redis)', () => {
  let stack: Stack;
  let api: RegistryClient;
  const env = '/v1/environments/production';

  beforeAll(async () => {
    stack = await startStack();
    api = registryClient(stack.baseUrl);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('creates an environment with the default policy and finds it by name or id', async () => {
    const created = await api.post('/v1/environments', { name: 'production' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'production', policy: { blockingSeverity: 'HIGH', stagesOnRegistration: ['lexical', 'schema', 'semantic'], approvalTtlHours: 168 } });
    expect((await api.get(`/v1/environments/${created.body.id}`)).body.name).toBe('production');
    expect((await api.get(env)).body.id).toBe(created.body.id);
    expect((await api.post('/v1/environments', { name: 'production' })).body.code).toBe('ENVIRONMENT.ALREADY_EXISTS');
    expect((await api.post('/v1/environments', { name: 'bad name!' })).body.message).toMatch(/^body\.name: /);
    expect(await api.get('/v1/environments/nowhere')).toMatchObject({ status: 404, body: { code: 'ENVIRONMENT.NOT_FOUND' } });
  });

  it('creates servers, unique per environment', async () => {
    for (const name of ['jira', 'salesforce', 'weather']) expect((await api.post(`${env}/servers`, { name, transport: 'stdio', connection: { command: name } })).status).toBe(201);
    expect(await api.post(`${env}/servers`, { name: 'jira' })).toMatchObject({ status: 409, body: { code: 'SERVER.ALREADY_EXISTS' } });
    const list = await api.get(`${env}/servers`);
    expect(list.body.items.map((s: { name: string }) => s.name)).toEqual(['jira', 'salesforce', 'weather']);
    expect(list.body.items[0]).toMatchObject({ transport: 'stdio', connection: { command: 'jira' } });
  });

  it('registers a tool as ACTIVE version 1, and an identical re-registration is a no-op (200, same version)', async () => {
    const first = await api.post(`${env}/tools`, { server: 'jira', ...jiraCreateTask });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ outcome: 'created', tool: { name: 'create_task', server: 'jira', status: 'ACTIVE' }, version: { version: 1 }, conflicts: [] });
    expect(first.body.version.contentHash).toMatch(/^[0-9a-f]{64}$/);

    // Same definition, keys in another order.
    const { inputSchema, description, name } = jiraCreateTask;
    const again = await api.post(`${env}/tools`, { inputSchema, description, name, server: 'jira' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: 'unchanged', version: { id: first.body.version.id } });
    expect((await api.get(`/v1/tools/${first.body.tool.id}`)).body.versions).toHaveLength(1);
  });

  it('blocks a tool whose name collides with a tool on another server, with a CRITICAL conflict', async () => {
    const response = await api.post(`${env}/tools`, { server: 'salesforce', ...salesforceCreateTask });
    expect(response.status).toBe(201);
    expect(response.body.tool.status).toBe('BLOCKED');
    expect(response.body.conflicts).toHaveLength(1);
    const [conflict] = response.body.conflicts;
    expect(conflict.severity).toBe('CRITICAL');
    expect([conflict.toolA.name, conflict.toolB.name].sort()).toEqual(['createTask', 'create_task']);
    expect(conflict.findings.map((f: { type: string }) => f.type)).toContain('exact-name-collision');
  });

  it('stores a changed definition as version 2 and keeps version 1', async () => {
    const changed = { server: 'jira', ...jiraCreateTask, description: 'Create a new Jira task in a project, with a summary.' };
    const response = await api.post(`${env}/tools`, changed);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ outcome: 'updated', version: { version: 2 } });
    // Version 2 is analysed against today's registry, where salesforce/createTask now exists: it is blocked,
    // and version 1 stays the approved one.
    expect(response.body.tool.status).toBe('BLOCKED');
    expect(response.body.tool.approvedVersionId).not.toBe(response.body.version.id);
    const detail = await api.get(`/v1/tools/${response.body.tool.id}`);
    expect(detail.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(detail.body.currentVersion.id).toBe(response.body.version.id);
  });

  it('bulk-registers a tools/list body all-or-nothing, naming the failing index in the 400', async () => {
    const broken = [...weatherTools, { name: 'broken', description: 'No schema' }];
    const rejected = await api.post(`${env}/tools:bulk`, { server: 'weather', tools: broken });
    expect(rejected.status).toBe(400);
    expect(rejected.body).toMatchObject({ code: 'VALIDATION.FAILED', details: { issues: [{ path: 'body.tools[3].inputSchema', message: 'Required' }] } });
    expect((await api.get(`${env}/tools?server=weather`)).body.items).toEqual([]);

    const dup = await api.post(`${env}/tools/bulk`, { server: 'weather', tools: [weatherTools[0], weatherTools[0]] });
    expect(dup.body.details.issues[0].path).toBe('body.tools[1].name');

    const accepted = await api.post(`${env}/tools:bulk`, { server: 'weather', tools: weatherTools });
    expect(accepted.status).toBe(201);
    expect(accepted.body.items.map((i: { outcome: string }) => i.outcome)).toEqual(['created', 'created', 'created']);
    const again = await api.post(`${env}/tools/bulk`, { server: 'weather', tools: weatherTools });
    expect(again.status).toBe(200);
    expect(again.body.items.map((i: { outcome: string }) => i.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });

  it('accepts the whole tools/list of a real server in one bulk request (github-mcp-server, ~170 kB)', async () => {
    const github = JSON.parse(readFileSync(path.resolve(__dirname, '../../../shared/data/registry/github-mcp-server.json'), 'utf8')) as { tools: unknown[] };
    const large = '/v1/environments/large';
    expect((await api.post('/v1/environments', { name: 'large' })).status).toBe(201);
    expect((await api.post(`${large}/servers`, { name: 'github' })).status).toBe(201);
    const accepted = await api.post(`${large}/tools:bulk`, { server: 'github', tools: github.tools });
    expect(accepted.status).toBe(201);
    expect(accepted.body.items).toHaveLength(github.tools.length);
  });

  it('lists tools with cursor pagination and filters', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { name: string }[]; nextCursor: string | null } } = await api.get(`${env}/tools?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((t) => t.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(['createTask', 'create_task', 'get_air_quality', 'get_forecast', 'list_stations']);
    expect((await api.get(`${env}/tools?status=BLOCKED`)).body.items.map((t: { name: string }) => t.name).sort()).toEqual(['createTask', 'create_task']);
    expect((await api.get(`${env}/tools?status=BLOCKED&server=jira`)).body.items.map((t: { name: string }) => t.name)).toEqual(['create_task']);
    expect((await api.get(`${env}/tools?name=GET_`)).body.items).toHaveLength(2);
    expect((await api.get(`${env}/tools?limit=0`)).body.message).toMatch(/^query\.limit: /);
  });

  it('dry-runs a check: returns the CLI report and stores nothing', async () => {
    const before = (await api.get(`${env}/health`)).body;
    const response = await api.post(`${env}/tools/check`, { server: 'asana', tools: [toolDef('create_task', 'Create a task in an Asana project.', { name: { type: 'string' } })] });
    expect(response.status).toBe(200);
    expect(response.body.summary).toMatchObject({ checked: 1, blocked: true, failOn: 'HIGH', inputErrors: 0 });
    expect(response.body.conflicts.some((c: { severity: string }) => c.severity === 'CRITICAL')).toBe(true);
    expect(response.body.inputErrors).toEqual([]);
    expect((await api.get(`${env}/health`)).body).toEqual(before);
    expect((await api.get(`${env}/tools?name=create_task`)).body.items).toHaveLength(1);

    const invalid = await api.post(`${env}/tools/check`, { server: 'asana', tools: [{ description: 'nameless' }] });
    expect(invalid).toMatchObject({ status: 400, body: { code: 'VALIDATION.FAILED' } });
  });

  it('stores one version when the same new tool is registered by concurrent requests', async () => {
    const definition = { server: 'weather', ...toolDef('get_sunrise', 'Sunrise and sunset times for a city and date.', { city: { type: 'string' } }, ['city']) };
    const responses = await Promise.all(Array.from({ length: 4 }, () => api.post(`${env}/tools`, definition)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => s === 200 || s === 201)).toBe(true);
    expect(new Set(responses.map((r) => r.body.version.id)).size).toBe(1);
  });

  it('answers 404 with stable codes for unknown tools, servers and environments', async () => {
    expect((await api.get('/v1/tools/00000000-0000-7000-8000-000000000000')).body.code).toBe('TOOL.NOT_FOUND');
    expect((await api.delete('/v1/tools/00000000-0000-7000-8000-000000000000')).body.code).toBe('TOOL.NOT_FOUND');
    expect((await api.post(`${env}/tools`, { server: 'nope', ...jiraCreateTask })).body.code).toBe('SERVER.NOT_FOUND');
    expect((await api.get('/v1/environments/nowhere/tools')).body.code).toBe('ENVIRONMENT.NOT_FOUND');
  });

  it('describes every registry endpoint in the OpenAPI document', async () => {
    const doc = (await api.get('/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /v1/environments',
        'GET /v1/environments',
        'GET /v1/environments/{env}',
        'POST /v1/environments/{env}/servers',
        'GET /v1/environments/{env}/servers',
        'POST /v1/environments/{env}/tools',
        'GET /v1/environments/{env}/tools',
        'POST /v1/environments/{env}/tools:bulk',
        'POST /v1/environments/{env}/tools/bulk',
        'POST /v1/environments/{env}/tools/check',
        'GET /v1/tools/{id}',
        'DELETE /v1/tools/{id}',
        'GET /v1/environments/{env}/conflicts',
        'GET /v1/environments/{env}/health',
        'GET /v1/conflicts/{id}',
        'PATCH /v1/conflicts/{id}',
      ]),
    );
    expect(doc.paths['/v1/environments/{env}/tools']?.['post']).toMatchObject({
      requestBody: { content: { 'application/json': { schema: { required: expect.arrayContaining(['server', 'name']) } } } },
      responses: { '200': expect.any(Object), '201': { content: { 'application/json': { schema: { properties: { outcome: { enum: ['created', 'updated', 'unchanged'] } } } } } } },
    });
    const patch = doc.paths['/v1/conflicts/{id}']?.['patch'] as { responses: Record<string, { content?: Record<string, { schema: { properties: object } }> }> };
    expect(Object.keys(patch.responses).sort()).toEqual(['200', '400', '404', '422']);
    expect(Object.keys(patch.responses['200']?.content?.['application/json']?.schema.properties ?? {})).toEqual(expect.arrayContaining(['findings', 'recommendations', 'status']));
  });
});
