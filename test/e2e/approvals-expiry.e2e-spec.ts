import { QUEUES } from '@toolgate/jobs';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { type AppProcess, startApp, waitFor } from './support/app-process';
import { jiraCreateTask, registryClient, type RegistryClient, salesforceCreateTask } from './registry.client';
import { appEnv, REDIS_URL, type Stack, startStack } from './support/stack';

// Expiry by the worker's BullMQ job scheduler, with two workers running: one scheduler, and each
// request expires exactly once (one status change, one audit entry).
describe('approval expiry (real API, two workers, Postgres, Redis)', () => {
  const workerEnv = { APPROVAL_EXPIRY_INTERVAL_MS: '1000' };
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

  it('keeps one job scheduler however many workers upsert it', async () => {
    const queue = new Queue(QUEUES.maintenance, { connection: { host: new URL(REDIS_URL).hostname, port: Number(new URL(REDIS_URL).port) }, prefix: stack.redisPrefix });
    try {
      await waitFor('a worker to upsert the scheduler', async () => ((await queue.getJobSchedulers()).length > 0 ? true : undefined));
      // Both workers have started by now (the second one a moment later): still one scheduler.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await queue.getJobSchedulers()).toEqual([expect.objectContaining({ key: 'approval-expiry', every: 1000 })]);
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
});
