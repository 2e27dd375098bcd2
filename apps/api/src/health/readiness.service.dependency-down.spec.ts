import type { AppConfig } from '@toolgate/config';
import type { PrismaService } from '@toolgate/db';
import type { RedisConnection } from '../infra/redis.connection';
import type { ApiModelProviders } from '../providers/model-providers.service';
import { ReadinessService } from './readiness.service';

const config = { values: { REDIS_PREFIX: 'spec', WORKER_HEARTBEAT_INTERVAL_MS: 1000 } } as AppConfig;

type Breaker = 'closed' | 'open' | 'half-open' | 'none';
const local = { scope: 'default', embedder: { model: 'local-hash-v1', breaker: 'none' as Breaker }, router: { model: 'local-router', breaker: 'none' as Breaker } };

function service(options: { ping?: () => Promise<number>; redisDown?: string; lastBeatMs?: number | null; providerSets?: (typeof local)[] }) {
  const prisma = { ping: options.ping ?? (async () => 1.2) } as unknown as PrismaService;
  const beat = options.lastBeatMs === undefined ? Date.now() : options.lastBeatMs;
  const redis = {
    unavailableReason: () => options.redisDown,
    client: {
      ping: async () => 'PONG',
      zrevrange: async () => (beat === null ? [] : ['host:1', String(beat)]),
    },
  } as unknown as RedisConnection;
  const models = { states: () => options.providerSets ?? [local] } as unknown as ApiModelProviders;
  const readiness = new ReadinessService(prisma, redis, config, models);
  // The service logs readiness transitions; keep spec output clean.
  jest.spyOn(readiness['logger'], 'warn').mockImplementation(() => undefined);
  return readiness;
}

describe('ReadinessService when a dependency is down', () => {
  it('is ok when Postgres and Redis answer and a worker beat within the TTL', async () => {
    const result = await service({}).check();
    expect(result.status).toBe('ok');
    expect(result.checks.worker).toMatchObject({ status: 'ok', ageMs: expect.any(Number) });
  });

  it('is degraded, not failed, while a provider breaker is open, and names the provider', async () => {
    const openRouter = { scope: '{"router":{"kind":"openai"}}', embedder: local.embedder, router: { model: 'openai:gpt-4o-mini', breaker: 'open' as Breaker } };
    const result = await service({ providerSets: [local, openRouter] }).check();
    expect(result.status).toBe('degraded');
    expect(result.checks.providers).toEqual({ status: 'degraded', sets: [local, openRouter] });
    // A real outage still wins: Postgres down is an error whatever the breakers say.
    const down = await service({ providerSets: [openRouter], ping: async () => Promise.reject(new Error('refused')) }).check();
    expect(down.status).toBe('error');
  });

  it('gives up on a hanging Postgres after its timeout instead of hanging the probe', async () => {
    const started = Date.now();
    const result = await service({ ping: () => new Promise<number>(() => undefined) }).check();
    expect(Date.now() - started).toBeLessThan(2500);
    expect(result.status).toBe('error');
    expect(result.checks.postgres).toMatchObject({ status: 'error', error: 'Postgres ping timed out after 1500ms' });
    expect(result.checks.redis.status).toBe('ok');
  });

  it('reports Redis and the heartbeat as failed while Redis is disconnected', async () => {
    const result = await service({ redisDown: 'not connected (reconnecting: connect ECONNREFUSED)' }).check();
    expect(result.checks.redis).toMatchObject({ status: 'error', error: 'not connected (reconnecting: connect ECONNREFUSED)' });
    expect(result.checks.worker).toMatchObject({ status: 'error', lastHeartbeatAt: null });
  });

  it('fails the worker check when the newest heartbeat is older than three intervals', async () => {
    const result = await service({ lastBeatMs: Date.now() - 3500 }).check();
    expect(result.status).toBe('error');
    expect(result.checks.worker).toMatchObject({ status: 'error', error: 'last worker heartbeat is older than 3000ms' });
  });

  it('fails the worker check when no worker ever beat', async () => {
    const result = await service({ lastBeatMs: null }).check();
    expect(result.checks.worker).toEqual({ status: 'error', lastHeartbeatAt: null, ageMs: null, error: 'no worker heartbeat' });
  });
});
