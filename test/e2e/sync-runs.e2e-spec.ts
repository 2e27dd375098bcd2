import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mcpFixtureStdio, referenceServerStdio, type RunningMcpServer, startEverythingServer, startMcpFixtureHttp } from '@toolgate/testing';
import { registryClient, type RegistryClient } from './registry.client';
import { waitFor } from './support/app-process';
import { type Stack, startStack } from './support/stack';

// Sync against REAL MCP servers (issue 8): the npm reference servers over stdio, SSE and Streamable HTTP, and the
// SDK-built fixture server whose tools file the test rewrites between syncs (rug-pull gate, removal, dying mid-listing).
// The API allows 127.0.0.1 and localhost; the worker only 127.0.0.1, so a localhost URL passes at write and fails at sync.
const SECRETS_KEY = randomBytes(32).toString('base64');
const HEADER_SECRET = `sekret-${randomBytes(6).toString('hex')}`;

const weather = { name: 'get_weather', description: 'Get the current weather for a city.', inputSchema: { type: 'object', properties: { city: { type: 'string', description: 'City name' } }, required: ['city'] } };
const invoice = { name: 'send_invoice', description: 'Email a PDF invoice to a customer by invoice number.', inputSchema: { type: 'object', properties: { invoice_number: { type: 'string' } }, required: ['invoice_number'] } };

describe('sync against live MCP servers (e2e)', () => {
  let stack: Stack;
  let admin: RegistryClient;
  let reviewer: RegistryClient;
  let dir: string;
  let toolsFile: string;
  const httpServers: RunningMcpServer[] = [];

  const writeTools = (tools: unknown[]) => writeFileSync(toolsFile, JSON.stringify(tools));

  /** POST …/sync, then polls the run until it finishes; returns the finished run. */
  async function sync(env: string, server: string) {
    const accepted = await admin.post(`/v1/environments/${env}/servers/${server}/sync`, {});
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ syncRunId: expect.any(String), status: 'QUEUED' });
    return waitFor(`sync run of ${server}`, async () => {
      const run = await admin.get(`/v1/sync-runs/${accepted.body.syncRunId}`);
      return run.body.status === 'COMPLETED' || run.body.status === 'FAILED' ? run.body : undefined;
    }, 60_000);
  }

  /** Waits for the analysis run a sync queued (registration-like analysis of its new versions). */
  async function analysed(runId: string | null) {
    if (!runId) return;
    let last: unknown;
    await waitFor(`analysis run ${runId}`, async () => {
      last = (await admin.get(`/v1/analysis-runs/${runId}`)).body;
      return (last as { status: string }).status === 'completed' ? true : undefined;
    }, 60_000).catch((error: Error) => {
      throw new Error(`${error.message}\nrun: ${JSON.stringify(last)}\nworker: ${stack.worker!.stdout().slice(-3000)}${stack.worker!.stderr().slice(-3000)}`);
    });
  }

  async function tools(env: string) {
    const live = await admin.get(`/v1/environments/${env}/tools?limit=200`);
    const removed = await admin.get(`/v1/environments/${env}/tools?limit=200&status=REMOVED`);
    return new Map<string, any>([...live.body.items, ...removed.body.items].map((t: any) => [t.name, t])); // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  async function createEnv(name: string) {
    expect((await admin.post('/v1/environments', { name })).status).toBe(201);
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'toolgate-sync-'));
    toolsFile = path.join(dir, 'tools.json');
    writeTools([weather, invoice]);
    stack = await startStack({
      apiEnv: { TOOLGATE_SECRETS_KEY: SECRETS_KEY, SYNC_URL_ALLOWLIST: '127.0.0.1,localhost' },
      workerEnv: { TOOLGATE_SECRETS_KEY: SECRETS_KEY, SYNC_URL_ALLOWLIST: '127.0.0.1', SYNC_BREAKER_FAILURES: '5' },
    });
    admin = registryClient(stack.baseUrl);
    const key = await admin.post('/v1/api-keys', { name: 'sync-reviewer', role: 'reviewer' });
    reviewer = registryClient(stack.baseUrl, { apiKey: key.body.secret });
  });

  afterAll(async () => {
    await Promise.all(httpServers.map((s) => s.stop()));
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('syncs @modelcontextprotocol/server-everything over stdio, then an unchanged resync writes no version', async () => {
    await createEnv('everything-stdio');
    const everything = referenceServerStdio('server-everything', ['stdio']);
    expect((await admin.post('/v1/environments/everything-stdio/servers', { name: 'everything', transport: 'stdio', connection: { command: everything.command, args: everything.args } })).status).toBe(201);
    const first = await sync('everything-stdio', 'everything');
    expect(first).toMatchObject({ status: 'COMPLETED', trigger: 'MANUAL', changed: 0, removed: 0, unchanged: 0, error: null });
    expect(first.added).toBeGreaterThan(5);
    expect(first.serverInfo).toMatchObject({ name: expect.any(String), version: expect.any(String), protocolVersion: expect.any(String), capabilities: expect.objectContaining({ tools: expect.anything() }) });
    await analysed(first.analysisRunId);
    const listed = await tools('everything-stdio');
    expect(listed.size).toBe(first.added);
    expect(listed.get('echo')).toMatchObject({ server: 'everything', currentVersion: { version: 1 } });

    const second = await sync('everything-stdio', 'everything');
    expect(second).toMatchObject({ status: 'COMPLETED', added: 0, changed: 0, removed: 0, unchanged: first.added, analysisRunId: null });
    const echo = await admin.get(`/v1/tools/${listed.get('echo').id}`);
    expect(echo.body.versions).toHaveLength(1);
    const server = await admin.get('/v1/environments/everything-stdio/servers/everything');
    expect(server.body).toMatchObject({ lastSyncStatus: 'COMPLETED', lastSyncError: null, lastSyncAt: expect.any(String) });
    const history = await admin.get('/v1/environments/everything-stdio/servers/everything/sync-runs');
    expect(history.body.items.map((r: { id: string }) => r.id)).toEqual([second.id, first.id]);
  });

  it('syncs server-everything over SSE and Streamable HTTP (header secrets never returned)', async () => {
    await createEnv('everything-http');
    for (const transport of ['sse', 'streamableHttp'] as const) {
      const running = await startEverythingServer(transport);
      httpServers.push(running);
      const name = transport === 'sse' ? 'everything-sse' : 'everything-http';
      const created = await admin.post('/v1/environments/everything-http/servers', { name, transport: transport === 'sse' ? 'sse' : 'streamable_http', connection: { url: running.url, headers: { Authorization: `Bearer ${HEADER_SECRET}` } } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ connection: { url: running.url }, secretNames: ['Authorization'] });
      expect(JSON.stringify(created.body)).not.toContain(HEADER_SECRET);
      const run = await sync('everything-http', name);
      expect(run).toMatchObject({ status: 'COMPLETED', error: null });
      expect(run.added).toBeGreaterThan(5);
    }
    const servers = await admin.get('/v1/environments/everything-http/servers');
    expect(JSON.stringify(servers.body)).not.toContain(HEADER_SECRET);
    const audit = await admin.get('/v1/audit-logs?limit=500');
    expect(JSON.stringify(audit.body)).not.toContain(HEADER_SECRET);
    expect(stack.api.stdout() + stack.api.stderr() + stack.worker!.stdout() + stack.worker!.stderr()).not.toContain(HEADER_SECRET);
  });

  it('syncs @modelcontextprotocol/server-filesystem and server-memory over stdio', async () => {
    await createEnv('reference');
    const filesystem = referenceServerStdio('server-filesystem', [dir]);
    const memory = referenceServerStdio('server-memory', [], { MEMORY_FILE_PATH: path.join(dir, 'memory.jsonl') });
    expect((await admin.post('/v1/environments/reference/servers', { name: 'filesystem', transport: 'stdio', connection: { command: filesystem.command, args: filesystem.args } })).status).toBe(201);
    expect((await admin.post('/v1/environments/reference/servers', { name: 'memory', transport: 'stdio', connection: { command: memory.command, args: memory.args, env: memory.env } })).status).toBe(201);
    const fs = await sync('reference', 'filesystem');
    const mem = await sync('reference', 'memory');
    expect(fs).toMatchObject({ status: 'COMPLETED', serverInfo: { name: expect.stringMatching(/filesystem/i) } });
    expect(mem).toMatchObject({ status: 'COMPLETED', serverInfo: { name: expect.stringMatching(/memory/i) } });
    expect(fs.added).toBeGreaterThan(5);
    expect(mem.added).toBeGreaterThan(5);
    const listed = await tools('reference');
    expect(listed.get('read_graph')).toMatchObject({ server: 'memory' });
    expect(listed.get('list_directory')).toMatchObject({ server: 'filesystem' });
  });

  it('gates a changed definition of an ACTIVE tool: the pinned version stays served until a reviewer approves the diff', async () => {
    await createEnv('rugpull');
    const fixture = mcpFixtureStdio({ toolsFile, name: 'weather-fixture', version: '1.2.3' });
    const created = await admin.post('/v1/environments/rugpull/servers', { name: 'fixture', transport: 'stdio', connection: { command: fixture.command, args: fixture.args, env: fixture.env } });
    expect(created.status).toBe(201);
    expect(created.body.secretNames).toEqual(Object.keys(fixture.env).sort());

    const first = await sync('rugpull', 'fixture');
    expect(first).toMatchObject({ status: 'COMPLETED', added: 2, serverInfo: { name: 'weather-fixture', version: '1.2.3' } });
    await analysed(first.analysisRunId);
    const v1 = (await tools('rugpull')).get('get_weather');
    expect(v1).toMatchObject({ status: 'ACTIVE', pinned: false, servedVersionId: v1.currentVersion.id });

    // The server quietly changes the description (no conflict, nothing suspicious): still gated.
    writeTools([{ ...weather, description: 'Get the current weather for a city, and a three-day forecast.' }, invoice]);
    const second = await sync('rugpull', 'fixture');
    expect(second).toMatchObject({ status: 'COMPLETED', added: 0, changed: 1, removed: 0, unchanged: 1 });
    await analysed(second.analysisRunId);
    const gated = (await tools('rugpull')).get('get_weather');
    expect(gated).toMatchObject({ status: 'BLOCKED', pinned: true, servedVersionId: v1.currentVersion.id, currentVersion: { version: 2 } });

    const pending = await admin.get('/v1/approvals?status=PENDING&environment=rugpull');
    const approval = pending.body.items.find((a: { tool: { id: string } }) => a.tool.id === v1.id);
    expect(approval).toMatchObject({ kind: 'DEFINITION_CHANGE', toolVersion: { version: 2 }, definitionChange: { approvedVersionId: v1.currentVersion.id, approvedVersion: 1 } });
    expect(approval.definitionChange.diff).toMatchObject({ name: 'get_weather', changedFields: ['description'], description: { before: weather.description, after: 'Get the current weather for a city, and a three-day forecast.' }, inputSchema: [] });
    expect(approval.definitionChange.rendered).toContain('three-day forecast');

    const decided = await reviewer.post(`/v1/approvals/${approval.id}/approve`, { reason: 'forecast added, reviewed' });
    expect(decided.status).toBe(200);
    const approved = (await tools('rugpull')).get('get_weather');
    expect(approved).toMatchObject({ status: 'ACTIVE', pinned: false, servedVersionId: gated.currentVersion.id });
  });

  it('marks a tool the server no longer lists REMOVED with its history, and revives it when listed again', async () => {
    writeTools([{ ...weather, description: 'Get the current weather for a city, and a three-day forecast.' }]);
    const removedRun = await sync('rugpull', 'fixture');
    expect(removedRun).toMatchObject({ status: 'COMPLETED', added: 0, changed: 0, removed: 1, unchanged: 1 });
    const removed = (await tools('rugpull')).get('send_invoice');
    expect(removed).toMatchObject({ status: 'REMOVED', deletedAt: expect.any(String), servedVersionId: null });
    expect((await admin.get(`/v1/tools/${removed.id}`)).body.versions).toHaveLength(1);

    writeTools([{ ...weather, description: 'Get the current weather for a city, and a three-day forecast.' }, invoice]);
    const revivedRun = await sync('rugpull', 'fixture');
    expect(revivedRun).toMatchObject({ status: 'COMPLETED', added: 1, removed: 0 });
    await analysed(revivedRun.analysisRunId);
    expect((await tools('rugpull')).get('send_invoice')).toMatchObject({ id: removed.id, status: 'ACTIVE', deletedAt: null });

    // The server's history shows the runs and the tool changes they caused.
    const history = await admin.get('/v1/environments/rugpull/servers/fixture/history?limit=200');
    const actions = history.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['server.created', 'sync.started', 'sync.completed', 'tool.registered', 'tool.updated', 'tool.deleted', 'approval.requested']));
    expect(history.body.items.find((e: { action: string }) => e.action === 'approval.requested').details).toMatchObject({ kind: 'DEFINITION_CHANGE', toolId: expect.any(String), syncRunId: expect.any(String) });
    const deletion = history.body.items.find((e: { action: string }) => e.action === 'tool.deleted');
    expect(deletion.details).toMatchObject({ name: 'send_invoice', syncRunId: removedRun.id });
  });

  it('records FAILED and changes nothing when the server dies mid-listing', async () => {
    const before = await tools('rugpull');
    const dying = mcpFixtureStdio({ toolsFile, pageSize: 1, dieOnPage: 2 });
    expect((await admin.patch('/v1/environments/rugpull/servers/fixture', { connection: { command: dying.command, args: dying.args, env: dying.env } })).status).toBe(200);
    const run = await sync('rugpull', 'fixture');
    expect(run).toMatchObject({ status: 'FAILED', added: 0, changed: 0, removed: 0, unchanged: 0, analysisRunId: null });
    expect(run.error).toMatch(/^(CONNECTION_CLOSED|CONNECT_FAILED|PROTOCOL_ERROR):/);
    const after = await tools('rugpull');
    for (const [name, tool] of before) expect(after.get(name)).toMatchObject({ status: tool.status, deletedAt: tool.deletedAt, currentVersion: { id: tool.currentVersion.id } });
    expect((await admin.get('/v1/environments/rugpull/servers/fixture')).body).toMatchObject({ lastSyncStatus: 'FAILED', lastSyncError: run.error });
    const readiness = (await (await fetch(`${stack.baseUrl}/readiness`)).json()) as { syncBreakers: unknown[] };
    const serverId = (await admin.get('/v1/environments/rugpull/servers/fixture')).body.id;
    expect(readiness.syncBreakers).toEqual(expect.arrayContaining([expect.objectContaining({ serverId, state: 'closed', lastError: expect.stringContaining(run.error.split(':')[0]) })]));
  });

  it('refuses a URL outside the allowlist at write (400) and fails the sync when the worker\'s allowlist no longer covers it', async () => {
    await createEnv('urls');
    const outside = await admin.post('/v1/environments/urls/servers', { name: 'outside', transport: 'streamable_http', connection: { url: 'http://93.184.216.34/mcp' } });
    expect(outside.status).toBe(400);
    expect(outside.body).toMatchObject({ code: 'SERVER.URL_NOT_ALLOWED', details: { field: 'connection.url' } });
    const metadata = await admin.post('/v1/environments/urls/servers', { name: 'metadata', transport: 'sse', connection: { url: 'http://169.254.169.254/latest' } });
    expect(metadata).toMatchObject({ status: 400, body: { code: 'SERVER.URL_NOT_ALLOWED' } });

    const running = await startMcpFixtureHttp({ toolsFile });
    httpServers.push(running);
    const viaLocalhost = running.url.replace('127.0.0.1', 'localhost');
    expect((await admin.post('/v1/environments/urls/servers', { name: 'fixture-http', transport: 'streamable_http', connection: { url: viaLocalhost } })).status).toBe(201);
    const run = await sync('urls', 'fixture-http');
    expect(run).toMatchObject({ status: 'FAILED', added: 0 });
    expect(run.error).toMatch(/^URL_NOT_ALLOWED:/);
    expect((await tools('urls')).size).toBe(0);

    // Pointed at the allowed address, the same server syncs.
    expect((await admin.patch('/v1/environments/urls/servers/fixture-http', { connection: { url: running.url } })).status).toBe(200);
    expect(await sync('urls', 'fixture-http')).toMatchObject({ status: 'COMPLETED', added: 2 });
  });
});
