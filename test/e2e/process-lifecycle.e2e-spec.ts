import { execFileSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { workerHeartbeatKey } from '@toolgate/jobs';
import { createTestDatabase } from '@toolgate/testing';
import { startApp, waitFor } from './support/app-process';
import { freePort } from './support/free-port';
import { appEnv, REDIS_URL, startStack, uniquePrefix } from './support/stack';

describe('process lifecycle (real built apps)', () => {
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });

  afterAll(async () => {
    await redis.quit();
  });

  it.each(['api', 'worker'] as const)('%s exits 1 with one readable stderr line naming a bad DATABASE_URL', async (app) => {
    const child = startApp(app, appEnv('nonsense', uniquePrefix(), { PORT: String(await freePort()) }));
    const { code } = await child.exited;
    expect(code).toBe(1);
    expect(child.stderr()).toBe('Invalid environment: DATABASE_URL must be a postgres:// URL (got "nonsense")\n');
  });

  it('the worker beats, and on SIGTERM removes its heartbeat and exits 0', async () => {
    const database = await createTestDatabase();
    const prefix = uniquePrefix();
    const key = workerHeartbeatKey(prefix);
    const worker = startApp('worker', appEnv(database.url, prefix));
    try {
      const members = await waitFor('a heartbeat', async () => {
        const found = await redis.zrange(key, '0', '-1');
        return found.length > 0 ? found : undefined;
      });
      expect(members).toEqual([expect.stringMatching(new RegExp(`:${worker.child.pid}$`))]);
      expect(await redis.pttl(key)).toBeGreaterThan(0);

      expect(await worker.stop('SIGTERM')).toEqual({ code: 0, signal: null });
      expect(await redis.exists(key)).toBe(0);
    } finally {
      await worker.stop('SIGKILL');
      await database.drop();
    }
  });

  it('/readiness answers 503 quickly, naming redis, when Redis is unreachable', async () => {
    const closedPort = await freePort();
    const stack = await startStack({ worker: false, apiEnv: { REDIS_URL: `redis://127.0.0.1:${closedPort}` } });
    try {
      const started = Date.now();
      const response = await fetch(`${stack.baseUrl}/readiness`);
      const elapsedMs = Date.now() - started;
      expect(response.status).toBe(503);
      const body = (await response.json()) as { status: string; checks: Record<string, { status: string; error?: string }> };
      expect(body.status).toBe('error');
      expect(body.checks['postgres']?.status).toBe('ok');
      expect(body.checks['redis']).toMatchObject({ status: 'error', error: expect.stringMatching(/not connected/) });
      expect(body.checks['worker']?.status).toBe('error');
      expect(elapsedMs).toBeLessThan(2000);
      // Shutting down must not wait on the Redis that never answered.
      expect(await stack.api.stop('SIGTERM', 5000)).toEqual({ code: 0, signal: null });
    } finally {
      await stack.stop();
    }
  });

  it('API_PROCESSES=2 serves from two processes, replaces one that dies, and stops them all on SIGTERM (exit 0)', async () => {
    const database = await createTestDatabase();
    const port = await freePort();
    const api = startApp('api', appEnv(database.url, uniquePrefix(), { PORT: String(port), API_PROCESSES: '2' }));
    const children = (): number[] => {
      try {
        return execFileSync('pgrep', ['-P', String(api.child.pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
      } catch {
        return []; // pgrep exits 1 when nothing matches
      }
    };
    try {
      await waitFor('the API to answer', async () => ((await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined))?.ok ? true : undefined));
      const first = await waitFor('two API processes', async () => (children().length === 2 ? children() : undefined));
      process.kill(first[0]!, 'SIGKILL');
      const replaced = await waitFor('a replacement process', async () => {
        const now = children();
        return now.length === 2 && !now.includes(first[0]!) ? now : undefined;
      });
      expect(replaced).toContain(first[1]);
      await waitFor('the API to answer again', async () => ((await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined))?.ok ? true : undefined));

      expect(await api.stop('SIGTERM', 15_000)).toEqual({ code: 0, signal: null });
      for (const pid of replaced) expect(() => process.kill(pid, 0)).toThrow();
    } finally {
      await api.stop('SIGKILL');
      await database.drop();
    }
  });

  it('the API exits 0 on SIGTERM', async () => {
    const stack = await startStack({ worker: false });
    try {
      expect(await stack.api.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    } finally {
      await stack.stop();
    }
  });
});
