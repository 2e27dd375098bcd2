import { QUEUES } from '@toolgate/jobs';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { type AppProcess, startApp, waitFor } from './support/app-process';
import { jiraCreateTask, registryClient, type RegistryClient, salesforceCreateTask } from './registry.client';
import { appEnv, REDIS_URL, type Stack, startStack } from './support/stack';

// Expiry by the worker's BullMQ job scheduler, with two workers running: one scheduler, and each
// request expires exactly once (one status change, one audit entry).
describe('approval expiry (real API, two workers, Postgres, Redis)', () => {
  const workerEnv = { APPROVAL_EXPIRY_INTERVAL_MS: '1000', PROVIDER_CACHE_EVICTION_INTERVAL_MS: '1000', PROVIDER_CACHE_RETENTION_DAYS: '30' };
  let stack: Stack;
  let secondWorker: AppProcess;
  let admin: RegistryClient;

  beforeAll(async () => {
    stack = await startStack({ workerEnv });
    secondWorker = startApp('worker', appEnv(stack.databaseUrl, stack.redisPrefix, workerEnv));
    admin = registryClient(stack.baseUrl);
    await admin.post('/v1/environments', { name: 'prod' });
    for (const name of ['jira', 'salesforce']) await admin.post('/v1/environments/prod/servers', { name });
    await admin.post('/v1/environments/prod/tools', { server: 'jira', ...jiraCreateTask });
  });
  afterAll(async () => {
    await secondWorker?.stop();
    await stack?.stop();
  });

  it('keeps one job scheduler per maintenance task however many workers upsert them', async () => {
    const queue = new Queue(QUEUES.maintenance, { connection: { host: new URL(REDIS_URL).hostname, port: Number(new URL(REDIS_URL).port) }, prefix: stack.redisPrefix });
    try {
      await waitFor('a worker to upsert the scheduler', async () => ((await queue.getJobSchedulers()).length > 0 ? true : undefined));
      // Both workers have started by now (the second one a moment later): still one scheduler.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers).toHaveLength(2);
      expect(schedulers).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'approval-expiry', every: 1000 }), expect.objectContaining({ key: 'provider-cache-eviction', every: 1000 })]));
    } finally {
      await queue.close();
    }
  });

  it('expires a pending request past its expiry exactly once, and it can no longer be decided', async () => {
    const blocked = await admin.post('/v1/environments/prod/tools', { server: 'salesforce', ...salesforceCreateTask });
    expect(blocked.body.tool.status).toBe('BLOCKED');
    const [approval] = (await admin.get('/v1/approvals?status=PENDING')).body.items;
    const db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    await db.query(`UPDATE "ApprovalRequest" SET "expiresAt" = now() - interval '1 second' WHERE id = $1`, [approval.id]);
    await db.end();

    await waitFor('the scheduled sweep to expire the request', async () => ((await admin.get(`/v1/approvals/${approval.id}`)).body.status === 'EXPIRED' ? true : undefined), 15_000);
    // Several more ticks of both workers: still one expiry entry.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const entries = (await admin.get(`/v1/audit-logs?action=approval.expired&resourceId=${approval.id}`)).body.items;
    expect(entries).toEqual([expect.objectContaining({ actor: expect.objectContaining({ type: 'system' }) })]);
    expect(await admin.post(`/v1/approvals/${approval.id}/reject`, { reason: 'late' })).toMatchObject({ status: 409, body: { code: 'APPROVAL.ALREADY_DECIDED', details: { status: 'EXPIRED' } } });
    expect((await admin.get(`/v1/tools/${blocked.body.tool.id}`)).body.status).toBe('BLOCKED');
  });

  it('evicts cached model answers unused for PROVIDER_CACHE_RETENTION_DAYS, and keeps the rest', async () => {
    const db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    try {
      const row = (hash: string, daysAgo: number) =>
        db.query(`INSERT INTO "RouterDecisionCache" (model, "toolSetHash", "probeHash", trial, decision, "lastUsedAt") VALUES ('e2e', $1, $1, 0, '{"choice":"a"}', now() - make_interval(days => $2))`, [hash, daysAgo]);
      await row('a'.repeat(64), 45);
      await row('b'.repeat(64), 2);
      await waitFor('the scheduled eviction', async () => ((await db.query(`SELECT 1 FROM "RouterDecisionCache" WHERE "toolSetHash" = $1`, ['a'.repeat(64)])).rowCount === 0 ? true : undefined), 15_000);
      expect((await db.query(`SELECT "toolSetHash" FROM "RouterDecisionCache" WHERE model = 'e2e'`)).rows).toEqual([{ toolSetHash: 'b'.repeat(64) }]);
    } finally {
      await db.end();
    }
  });
});
