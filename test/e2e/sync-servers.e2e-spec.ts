import { randomBytes } from 'node:crypto';
import { QUEUES, SYNC_JOBS, syncSchedulerId } from '@toolgate/jobs';
import { mcpFixtureStdio } from '@toolgate/testing';
import { Queue } from 'bullmq';
import { registryClient, type RegistryClient } from './registry.client';
import { startApp, waitFor } from './support/app-process';
import { appEnv, REDIS_URL, type Stack, startStack } from './support/stack';

// Server connections over the API and the sync schedule that follows each row (issue 8).
const SECRETS_KEY = randomBytes(32).toString('base64');
const ENV_SECRET = `env-secret-${randomBytes(6).toString('hex')}`;
const env = '/v1/environments/prod';

describe('MCP server connections and sync schedules (e2e)', () => {
  let stack: Stack;
  let admin: RegistryClient;
  let developer: RegistryClient;
  let queue: Queue;

  const scheduler = (serverId: string) => queue.getJobScheduler(syncSchedulerId(serverId));

  beforeAll(async () => {
    const secrets = { TOOLGATE_SECRETS_KEY: SECRETS_KEY, SYNC_URL_ALLOWLIST: '127.0.0.1' };
    stack = await startStack({ apiEnv: secrets, workerEnv: secrets });
    admin = registryClient(stack.baseUrl);
    expect((await admin.post('/v1/environments', { name: 'prod' })).status).toBe(201);
    const key = await admin.post('/v1/api-keys', { name: 'dev', role: 'developer' });
    developer = registryClient(stack.baseUrl, { apiKey: key.body.secret });
    const url = new URL(REDIS_URL);
    queue = new Queue(QUEUES.sync, { connection: { host: url.hostname, port: Number(url.port) }, prefix: stack.redisPrefix });
  });

  afterAll(async () => {
    await queue?.close();
    await stack?.stop();
  });

  it('lets only admins set or change a stdio command; refusals are 403 and audited DENIED', async () => {
    const fixture = mcpFixtureStdio();
    const refused = await developer.post(`${env}/servers`, { name: 'local', transport: 'stdio', connection: { command: fixture.command, args: fixture.args } });
    expect(refused).toMatchObject({ status: 403, body: { code: 'SERVER.STDIO_ADMIN_ONLY', details: { field: 'connection.command' } } });
    expect((await admin.get(`${env}/servers/local`)).status).toBe(404);

    const created = await admin.post(`${env}/servers`, { name: 'local', transport: 'stdio', connection: { command: fixture.command, args: fixture.args } });
    expect(created.status).toBe(201);
    // A developer may change other settings, not what runs.
    expect((await developer.patch(`${env}/servers/local`, { enabled: false })).status).toBe(200);
    expect((await developer.patch(`${env}/servers/local`, { connection: { command: '/bin/sh', args: ['-c', 'id'] } })).body).toMatchObject({ code: 'SERVER.STDIO_ADMIN_ONLY' });
    expect((await admin.get(`${env}/servers/local`)).body).toMatchObject({ connection: { command: fixture.command }, enabled: false });
    // …and may register a remote server.
    expect((await developer.post(`${env}/servers`, { name: 'remote', transport: 'streamable_http', connection: { url: 'http://127.0.0.1:9/mcp' } })).status).toBe(201);

    const denied = await admin.get('/v1/audit-logs?limit=100');
    const outcomes = denied.body.items.filter((e: { outcome: string }) => e.outcome === 'denied').map((e: { action: string; details: unknown }) => [e.action, e.details]);
    expect(outcomes).toEqual(
      expect.arrayContaining([
        ['server.created', expect.objectContaining({ name: 'local', reason: 'stdio command requires admin', role: 'developer' })],
        ['server.updated', expect.objectContaining({ name: 'local', role: 'developer' })],
      ]),
    );
  });

  it('stores env and header values sealed and write-only: responses and the audit log carry names only', async () => {
    const fixture = mcpFixtureStdio();
    const created = await admin.post(`${env}/servers`, { name: 'sealed', transport: 'stdio', connection: { command: fixture.command, args: fixture.args, env: { API_TOKEN: ENV_SECRET, REGION: 'eu' } } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ secretNames: ['API_TOKEN', 'REGION'], connection: { command: fixture.command } });
    expect(created.body.connection).not.toHaveProperty('env');
    // A change without env keeps the secrets; `env: {}` clears them.
    const kept = await admin.patch(`${env}/servers/sealed`, { connection: { command: fixture.command, args: fixture.args } });
    expect(kept.body.secretNames).toEqual(['API_TOKEN', 'REGION']);
    const bodies = [created.body, kept.body, (await admin.get(`${env}/servers`)).body, (await admin.get(`${env}/servers/sealed/history`)).body, (await admin.get('/v1/audit-logs?limit=200')).body];
    for (const body of bodies) expect(JSON.stringify(body)).not.toContain(ENV_SECRET);
    expect(stack.api.stdout() + stack.api.stderr()).not.toContain(ENV_SECRET);
    const cleared = await admin.patch(`${env}/servers/sealed`, { connection: { command: fixture.command, env: {} } });
    expect(cleared.body.secretNames).toEqual([]);
  });

  it('validates connections per transport, naming the field', async () => {
    const noUrl = await admin.post(`${env}/servers`, { name: 'bad-http', transport: 'sse', connection: { command: 'x' } });
    expect(noUrl.status).toBe(400);
    expect(noUrl.body.details.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['body.connection.url']));
    const fileUrl = await admin.post(`${env}/servers`, { name: 'bad-url', transport: 'streamable_http', connection: { url: 'file:///etc/passwd' } });
    expect(fileUrl).toMatchObject({ status: 400, body: { details: { issues: [expect.objectContaining({ path: 'body.connection.url' })] } } });
    const loopback = await admin.post(`${env}/servers`, { name: 'bad-loop', transport: 'streamable_http', connection: { url: 'http://[::1]:8080/mcp' } });
    expect(loopback).toMatchObject({ status: 400, body: { code: 'SERVER.URL_NOT_ALLOWED', details: { field: 'connection.url' } } });
    const fast = await admin.post(`${env}/servers`, { name: 'too-fast', syncIntervalSeconds: 5 });
    expect(fast).toMatchObject({ status: 400, body: { details: { issues: [expect.objectContaining({ path: 'body.syncIntervalSeconds' })] } } });
  });

  it('keeps one job scheduler per server that follows the row: created, changed, disabled, deleted', async () => {
    const fixture = mcpFixtureStdio();
    const created = await admin.post(`${env}/servers`, { name: 'scheduled', transport: 'stdio', syncIntervalSeconds: 60, connection: { command: fixture.command, args: fixture.args } });
    const id = created.body.id;
    expect(await scheduler(id)).toMatchObject({ every: 60_000, name: SYNC_JOBS.scheduledSync });
    await admin.patch(`${env}/servers/${id}`, { syncIntervalSeconds: 120 });
    expect(await scheduler(id)).toMatchObject({ every: 120_000 });
    await admin.patch(`${env}/servers/${id}`, { enabled: false });
    expect(await scheduler(id)).toBeUndefined();
    await admin.patch(`${env}/servers/${id}`, { enabled: true });
    expect(await scheduler(id)).toMatchObject({ every: 120_000 });
    await admin.patch(`${env}/servers/${id}`, { syncIntervalSeconds: null });
    expect(await scheduler(id)).toBeUndefined();
    await admin.patch(`${env}/servers/${id}`, { syncIntervalSeconds: 300 });

    // A scheduled tick records a SCHEDULE run and syncs.
    await queue.add(SYNC_JOBS.scheduledSync, { serverId: id });
    const run = await waitFor('the scheduled run', async () => {
      const runs = await admin.get(`${env}/servers/${id}/sync-runs`);
      const item = runs.body.items.find((r: { trigger: string; status: string }) => r.trigger === 'SCHEDULE' && r.status === 'COMPLETED');
      return item ?? undefined;
    }, 60_000);
    expect(run.added).toBeGreaterThan(0);

    // Tools keep the server from being deleted (their history would go with it).
    expect((await admin.delete(`${env}/servers/${id}`)).body).toMatchObject({ code: 'SERVER.HAS_TOOLS' });
    const tools = await admin.get(`${env}/tools?server=scheduled`);
    for (const tool of tools.body.items) expect((await admin.delete(`/v1/tools/${tool.id}`)).status).toBe(200);
    expect((await admin.delete(`${env}/servers/${id}`)).status).toBe(200);
    expect(await scheduler(id)).toBeUndefined();
    expect((await admin.get(`${env}/servers/${id}`)).status).toBe(404);
  });

  it('opens a server\'s circuit after consecutive failures (CIRCUIT_OPEN, shown on /readiness) and starts afresh when its connection changes', async () => {
    const syncOnce = async () => {
      const accepted = await admin.post(`${env}/servers/remote/sync`, {});
      expect(accepted.status).toBe(202);
      return waitFor('the sync run', async () => {
        const run = (await admin.get(`/v1/sync-runs/${accepted.body.syncRunId}`)).body;
        return run.status === 'FAILED' || run.status === 'COMPLETED' ? run : undefined;
      }, 30_000);
    };
    // Nothing listens on the discard port: connection refused, three times (SYNC_BREAKER_FAILURES defaults to 3).
    for (let i = 0; i < 3; i++) expect((await syncOnce()).error).toMatch(/^CONNECT_FAILED:/);
    expect((await syncOnce()).error).toMatch(/^CIRCUIT_OPEN:/);
    const serverId = (await admin.get(`${env}/servers/remote`)).body.id;
    const readiness = (await (await fetch(`${stack.baseUrl}/readiness`)).json()) as { syncBreakers: Array<{ serverId: string; state: string }> };
    expect(readiness.syncBreakers).toEqual(expect.arrayContaining([expect.objectContaining({ serverId, state: 'open' })]));

    expect((await developer.patch(`${env}/servers/remote`, { connection: { url: 'http://127.0.0.1:7/mcp' } })).status).toBe(200);
    expect((await syncOnce()).error).toMatch(/^CONNECT_FAILED:/);
  });

  it('reconciles schedulers with the rows when a worker starts (a lost Redis loses no schedule)', async () => {
    const fixture = mcpFixtureStdio();
    const created = await admin.post(`${env}/servers`, { name: 'survivor', transport: 'stdio', syncIntervalSeconds: 600, connection: { command: fixture.command, args: fixture.args } });
    const id = created.body.id;
    await queue.removeJobScheduler(syncSchedulerId(id));
    await queue.upsertJobScheduler(syncSchedulerId('01a1fddc-0000-7000-8000-000000000000'), { every: 60_000 }, { name: SYNC_JOBS.scheduledSync, data: { serverId: '01a1fddc-0000-7000-8000-000000000000' } });
    const worker = startApp('worker', appEnv(stack.databaseUrl, stack.redisPrefix, { TOOLGATE_SECRETS_KEY: SECRETS_KEY }));
    try {
      await waitFor('the schedule to be restored', async () => ((await scheduler(id))?.every === 600_000 ? true : undefined));
      await waitFor('the orphan schedule to be removed', async () => ((await scheduler('01a1fddc-0000-7000-8000-000000000000')) ? undefined : true));
    } finally {
      await worker.stop();
    }
  });
});
