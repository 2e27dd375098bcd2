import { type AppProcess, startApp, waitFor } from './support/app-process';
import { appEnv, type Stack, startStack } from './support/stack';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { jiraCreateTask, registryClient, type RegistryClient, salesforceCreateTask, weatherTools } from './registry.client';

// Workers are started by the spec (not the stack) so one can be killed mid-job. A short lock makes the
// stalled-job check hand a dead worker's job to another within a few seconds instead of 30.
const LOCK_MS = '1500';

describe('analysis runs: POST /v1/environments/:env/analysis-runs → analysis queue → worker (real processes)', () => {
  let stack: Stack;
  let api: RegistryClient;
  const workers: AppProcess[] = [];
  const env = '/v1/environments/production';

  function startWorker(extra: Record<string, string> = {}): AppProcess {
    const worker = startApp('worker', appEnv(stack.databaseUrl, stack.redisPrefix, { WORKER_LOCK_DURATION_MS: LOCK_MS, ...extra }));
    workers.push(worker);
    return worker;
  }

  async function runToEnd(id: string, timeoutMs = 30_000) {
    return waitFor(`analysis run ${id} to finish`, async () => {
      const run = (await api.get(`/v1/analysis-runs/${id}`)).body;
      return run.status === 'completed' || run.status === 'failed' ? run : undefined;
    }, timeoutMs);
  }

  beforeAll(async () => {
    stack = await startStack({ worker: false });
    api = registryClient(stack.baseUrl);
    expect((await api.post('/v1/environments', { name: 'production' })).status).toBe(201);
    for (const name of ['jira', 'salesforce', 'weather']) expect((await api.post(`${env}/servers`, { name, transport: 'stdio' })).status).toBe(201);
    // Registration is analysed by a worker (the client waits for it): one that is gone before the tests start theirs.
    const setup = startApp('worker', appEnv(stack.databaseUrl, stack.redisPrefix));
    expect((await api.post(`${env}/tools`, { server: 'jira', ...jiraCreateTask })).status).toBe(201);
    expect((await api.post(`${env}/tools`, { server: 'salesforce', ...salesforceCreateTask })).body.tool.status).toBe('BLOCKED');
    expect((await api.post(`${env}/tools:bulk`, { server: 'weather', tools: weatherTools })).status).toBe(201);
    await setup.stop();
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await stack?.stop();
  });

  it('starts a re-scan (202) that the worker completes with counts and stage timings', async () => {
    startWorker();
    const started = await api.post(`${env}/analysis-runs`, {});
    expect(started).toMatchObject({ status: 202, body: { id: expect.any(String), status: 'queued' } });
    const run = await runToEnd(started.body.id);
    expect(run).toMatchObject({ status: 'completed', trigger: 'manual', stages: ['lexical', 'schema', 'semantic'], error: null });
    expect(run.counts.tools).toBe(5);
    expect(run.counts.pairs).toBeGreaterThanOrEqual(1);
    expect(run.counts.conflicts).toBeGreaterThanOrEqual(1);
    expect(Object.keys(run.stageTimings).sort()).toEqual(['index', 'pairs', 'persist', 'recommendations']);
    expect(Date.parse(run.finishedAt)).toBeGreaterThanOrEqual(Date.parse(run.startedAt));
    // The incumbent stays ACTIVE, the tool blocked at registration stays BLOCKED.
    const tools = (await api.get(`${env}/tools`)).body.items;
    expect(Object.fromEntries(tools.map((t: { name: string; status: string }) => [t.name, t.status]))).toMatchObject({ create_task: 'ACTIVE', createTask: 'BLOCKED' });
  });

  it('dedups conflicts across re-scans (no duplicate rows) and auto-resolves a stored pair that no longer conflicts', async () => {
    const before = (await api.get(`${env}/conflicts?limit=200`)).body.items;
    const first = await runToEnd((await api.post(`${env}/analysis-runs`, {})).body.id);
    const second = await runToEnd((await api.post(`${env}/analysis-runs`, {})).body.id);
    expect(second.counts.conflicts).toBe(first.counts.conflicts);
    const after = (await api.get(`${env}/conflicts?limit=200`)).body.items;
    const ids = after.map((c: { id: string }) => c.id).sort();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(before.map((c: { id: string }) => c.id).sort());
    expect(after.every((c: { lastSeenRunId: string }) => c.lastSeenRunId === second.id)).toBe(true);

    // A stale conflict between two tools that do not conflict (as left by an older pipeline version): the
    // next re-scan resolves it, and leaves the real ones open.
    const weather = (await api.get(`${env}/tools?server=weather`)).body.items;
    const [a, b] = weather.filter((t: { name: string }) => t.name !== 'get_forecast').map((t: { id: string }) => t.id).sort();
    const stale = await insertConflict(stack.databaseUrl, { environmentId: weather[0].environmentId, toolAId: a, toolBId: b });
    const third = await runToEnd((await api.post(`${env}/analysis-runs`, {})).body.id);
    expect(third.counts.conflicts).toBe(first.counts.conflicts);
    expect((await api.get(`/v1/conflicts/${stale}`)).body).toMatchObject({ status: 'RESOLVED', resolvedAt: expect.any(String) });
    expect((await api.get(`/v1/conflicts/${ids[0]}`)).body.status).toBe('OPEN');
  });

  it('shards a large re-scan as a BullMQ flow (two workers share the shards); the merged result equals the single scan', async () => {
    const single = (await api.get(`${env}/conflicts?limit=200`)).body.items.map((c: { id: string; severity: string }) => `${c.id}:${c.severity}`).sort();
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    startWorker({ ANALYSIS_SHARD_SIZE: '2' });
    startWorker({ ANALYSIS_SHARD_SIZE: '2' });

    const { id } = (await api.post(`${env}/analysis-runs`, {})).body;
    const run = await runToEnd(id);
    expect(run).toMatchObject({ status: 'completed', counts: { tools: 5 } });
    const after = (await api.get(`${env}/conflicts?limit=200`)).body.items;
    expect(after.map((c: { id: string; severity: string }) => `${c.id}:${c.severity}`).sort()).toEqual(single);
    expect(after.filter((c: { status: string }) => c.status !== 'RESOLVED').every((c: { lastSeenRunId: string }) => c.lastSeenRunId === id)).toBe(true);

    // 5 tools in shards of 2: the merge parent saw three children, run from their own queue (WORKER_SHARD_CONCURRENCY).
    const connection = { host: '127.0.0.1', port: 6379 };
    const queue = new Queue('analysis', { connection, prefix: stack.redisPrefix });
    const shardQueue = new Queue('analysis-shards', { connection, prefix: stack.redisPrefix });
    try {
      const merge = await queue.getJob(`environment-scan-merge-${id}`);
      expect(merge?.returnvalue).toMatchObject({ runId: id, status: 'COMPLETED', shards: 3 });
      const shards = await Promise.all([0, 1, 2].map((i) => shardQueue.getJob(`environment-scan-shard-${id}-${i}`)));
      expect(shards.map((job) => job?.finishedOn !== undefined && job.failedReason === undefined)).toEqual([true, true, true]);
    } finally {
      await Promise.all([queue.close(), shardQueue.close()]);
    }
  });

  it('a worker killed (SIGKILL) mid-job loses nothing: another worker finishes the same run', async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    const slow = startWorker({ TEST_ONLY_ANALYSIS_DELAY_MS: '5000' });
    const { id } = (await api.post(`${env}/analysis-runs`, {})).body;
    await waitFor('the run to be RUNNING', async () => ((await api.get(`/v1/analysis-runs/${id}`)).body.status === 'running' ? true : undefined));

    slow.child.kill('SIGKILL');
    expect((await slow.exited).signal).toBe('SIGKILL');
    const killedAt = Date.now();
    expect((await api.get(`/v1/analysis-runs/${id}`)).body.status).toBe('running');

    startWorker();
    const run = await runToEnd(id, 60_000);
    expect(run).toMatchObject({ status: 'completed', error: null, counts: { tools: 5 } });
    // Started again by the second worker: the same run row, resumed rather than duplicated.
    expect(Date.parse(run.startedAt)).toBeGreaterThanOrEqual(killedAt - 50);
  });

  it('runs stage 4 (routing) on a re-scan once the policy lists it: the run covers it and the conflict gains a routing finding', async () => {
    if (workers.length === 0) startWorker();
    const routed = '/v1/environments/routed';
    expect((await api.post('/v1/environments', { name: 'routed' })).status).toBe(201);
    for (const name of ['weather', 'meteo']) expect((await api.post(`${routed}/servers`, { name, transport: 'stdio' })).status).toBe(201);
    expect((await api.post(`${routed}/tools`, { server: 'weather', ...weatherTools[0] })).status).toBe(201);
    const forecast = { ...weatherTools[0], description: 'Weather forecast for a city for the coming days.' };
    expect((await api.post(`${routed}/tools`, { server: 'meteo', ...forecast, name: 'get_weather_forecast' })).status).toBe(201);
    const findingStages = async () => {
      const [conflict] = (await api.get(`${routed}/conflicts`)).body.items;
      return (await api.get(`/v1/conflicts/${conflict.id}`)).body.findings.map((f: { stage: string }) => f.stage);
    };
    expect(await findingStages()).not.toContain('routing');

    expect((await api.patch(routed, { stagesOnRegistration: ['lexical', 'schema', 'semantic', 'routing'] })).status).toBe(200);
    const run = await runToEnd((await api.post(`${routed}/analysis-runs`, {})).body.id);
    expect(run).toMatchObject({ status: 'completed', stages: ['lexical', 'schema', 'semantic', 'routing'] });
    expect(Object.keys(run.stageTimings)).toEqual(expect.arrayContaining(['routing', 'recommendations', 'persist']));
    expect(await findingStages()).toContain('routing');
  });

  it('answers 404 for an unknown run or environment', async () => {
    expect((await api.get('/v1/analysis-runs/00000000-0000-7000-8000-000000000000')).body.code).toBe('ANALYSIS_RUN.NOT_FOUND');
    expect((await api.post('/v1/environments/nowhere/analysis-runs', {})).body.code).toBe('ENVIRONMENT.NOT_FOUND');
  });
});

/** Writes a conflict row directly, as an earlier analysis would have; returns its id. */
async function insertConflict(databaseUrl: string, row: { environmentId: string; toolAId: string; toolBId: string }): Promise<string> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ id: string }>(
      `INSERT INTO "Conflict" (id, "environmentId", "toolAId", "toolBId", severity, score, status, findings, "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, $3, 'LOW', 0.3, 'OPEN', '[]', now()) RETURNING id`,
      [row.environmentId, row.toolAId, row.toolBId],
    );
    return result.rows[0]!.id;
  } finally {
    await client.end();
  }
}
