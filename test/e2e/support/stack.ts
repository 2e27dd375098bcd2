import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '@toolgate/testing';
import { type AppProcess, startApp, waitFor } from './app-process';
import { freePort } from './free-port';

export const REDIS_URL = 'redis://127.0.0.1:6379';

/** The bootstrap admin every e2e API starts with (TOOLGATE_BOOTSTRAP_ADMIN_*); registryClient logs in as it by default. */
export const E2E_ADMIN = { email: 'admin@e2e.toolgate.test', password: 'e2e-admin-password-123' } as const;

/** Signs and verifies the e2e API's login tokens (HS256). */
export const E2E_JWT_SECRET = 'e2e-jwt-secret-with-at-least-32-characters';

// Fast beats so the suite sees a heartbeat (and its removal) within a few hundred milliseconds.
const HEARTBEAT_INTERVAL_MS = '200';

/** Base environment of an e2e app: quiet logs, the shared local Redis, a key prefix of its own. */
export function appEnv(databaseUrl: string, redisPrefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    HOST: '127.0.0.1',
    WORKER_HEARTBEAT_INTERVAL_MS: HEARTBEAT_INTERVAL_MS,
    JWT_SECRET: E2E_JWT_SECRET,
    TOOLGATE_BOOTSTRAP_ADMIN_EMAIL: E2E_ADMIN.email,
    TOOLGATE_BOOTSTRAP_ADMIN_PASSWORD: E2E_ADMIN.password,
    ...extra,
  };
}

/** A Redis key prefix no other run (or parallel suite) uses. */
export function uniquePrefix(): string {
  return `e2e-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** An API (and optionally a worker) on a fresh, migrated database. */
export interface Stack {
  baseUrl: string;
  databaseUrl: string;
  redisPrefix: string;
  api: AppProcess;
  worker: AppProcess | undefined;
  stop(): Promise<void>;
}

/** Starts the API on a free port, plus a worker unless `worker: false`, and waits until /health answers. */
export async function startStack(options: { worker?: boolean; apiEnv?: Record<string, string>; workerEnv?: Record<string, string> } = {}): Promise<Stack> {
  const database = await createTestDatabase();
  const redisPrefix = uniquePrefix();
  const port = await freePort();
  const worker = options.worker === false ? undefined : startApp('worker', appEnv(database.url, redisPrefix, options.workerEnv));
  const api = startApp('api', appEnv(database.url, redisPrefix, { PORT: String(port), ...options.apiEnv }));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await Promise.all([api.stop(), worker?.stop()]);
    await database.drop();
  };
  try {
    await waitFor('the API to answer /health', async () => ((await fetch(`${baseUrl}/health`)).ok ? true : undefined));
  } catch (error) {
    await stop();
    throw new Error(`${String(error)}\napi stderr: ${api.stderr()}\napi stdout: ${api.stdout()}`);
  }
  return { baseUrl, databaseUrl: database.url, redisPrefix, api, worker, stop };
}
