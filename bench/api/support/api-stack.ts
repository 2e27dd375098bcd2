/** The real built API (and workers) on a fresh database, driven as the bench's admin and ci-agent. */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { Client } from 'pg';
import { type AppProcess, startApp } from '../../../test/e2e/support/app-process';
import { appEnv, E2E_ADMIN, type Stack, startStack } from '../../../test/e2e/support/stack';

export interface BenchStack {
  stack: Stack;
  /** Extra workers started with `addWorker` (stopped by `stop`). */
  workers: AppProcess[];
  adminToken: string;
  db: Client;
  call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T>;
  addWorker(extra?: Record<string, string>): AppProcess;
  stop(): Promise<void>;
}

/** Quiet logs: pino at `warn` would still print every 409 of the CI gate. */
const QUIET = { LOG_LEVEL: 'error' };

/** Starts the API (with `workers` worker processes, 0 for none) and logs in as the bootstrap admin. */
export async function startBenchStack(options: { workers?: number; workerEnv?: Record<string, string>; apiProcesses?: number } = {}): Promise<BenchStack> {
  const workerCount = options.workers ?? 0;
  const workerEnv = { ...QUIET, ...options.workerEnv };
  // BENCH_API_CPU_PROF=<dir>: the API writes a V8 CPU profile there when it stops (cpu-profile.preload.js).
  const profileDir = process.env['BENCH_API_CPU_PROF'];
  const processes: Record<string, string> = options.apiProcesses && options.apiProcesses > 1 ? { API_PROCESSES: String(options.apiProcesses) } : {};
  const apiEnv: Record<string, string> = { ...(profileDir ? { ...QUIET, BENCH_API_CPU_PROF: profileDir, NODE_OPTIONS: `--require ${path.join(__dirname, 'cpu-profile.preload.js')}` } : QUIET), ...processes };
  const stack = await startStack({ worker: workerCount > 0, apiEnv, workerEnv });
  const workers: AppProcess[] = [];
  const addWorker = (extra: Record<string, string> = {}): AppProcess => {
    const w = startApp('worker', appEnv(stack.databaseUrl, stack.redisPrefix, { ...workerEnv, ...extra }));
    workers.push(w);
    return w;
  };
  for (let i = 1; i < workerCount; i++) addWorker();
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();

  const call = async <T>(method: string, path: string, body?: unknown, token?: string): Promise<T> => {
    const res = await fetch(`${stack.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const login = await call<{ accessToken: string }>('POST', '/v1/auth/login', { email: E2E_ADMIN.email, password: E2E_ADMIN.password });

  return {
    stack,
    workers,
    adminToken: login.accessToken,
    db,
    call,
    addWorker,
    async stop() {
      await db.end();
      await Promise.all(workers.map((w) => w.stop()));
      await stack.stop();
    },
  };
}

/** A fresh API key with `role`, as `POST /v1/api-keys` returns it (the secret, shown once). */
export async function createApiKey(bench: BenchStack, role: 'ci-agent' | 'viewer' | 'developer'): Promise<string> {
  const key = await bench.call<{ secret: string }>('POST', '/v1/api-keys', { name: `bench-${role}-${randomUUID().slice(0, 8)}`, role }, bench.adminToken);
  return key.secret;
}
