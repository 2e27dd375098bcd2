import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { PrismaService } from '@toolgate/db';
import { heartbeatStatus, heartbeatTtlMs, syncBreakersKey, SyncBreakerStateSchema, workerHeartbeatKey } from '@toolgate/jobs';
import { RedisConnection } from '../infra/redis.connection';
import { ApiModelProviders } from '../providers/model-providers.service';
import { DependencyCheck, ProvidersCheck, ReadinessResponse, SyncBreakerCheck, WorkerCheck } from './readiness.response';
import { withTimeout } from './with-timeout';

// Each check gives up after this long, so a dead dependency yields a quick 503 rather than a
// probe timeout (Kubernetes' default probe timeout is 1s; ours answers within ~1.5s worst case).
const CHECK_TIMEOUT_MS = 1500;

/** Checks Postgres, Redis and the worker heartbeat in parallel, and reports the model providers' breakers. */
@Injectable()
export class ReadinessService {
  private readonly logger = new Logger(ReadinessService.name);
  private wasReady: boolean | undefined;

  constructor(
    private readonly prisma: PrismaService,
    private readonly redis: RedisConnection,
    private readonly config: AppConfig,
    private readonly models: ApiModelProviders,
  ) {}

  async check(): Promise<ReadinessResponse> {
    const [postgres, redis, worker, syncBreakers] = await Promise.all([this.checkPostgres(), this.checkRedis(), this.checkWorker(), this.syncBreakers()]);
    const ready = postgres.status === 'ok' && redis.status === 'ok' && worker.status === 'ok';
    const providers = this.checkProviders();
    // An open model-provider breaker degrades analysis (stage 4 skipped, said so) but the API still serves: not a 503.
    const status = !ready ? 'error' : providers.status === 'degraded' ? 'degraded' : 'ok';
    const response: ReadinessResponse = { status, checks: { postgres, redis, worker, providers }, syncBreakers };
    // Probes are not access-logged; log readiness transitions instead.
    if (ready !== this.wasReady && !(ready && this.wasReady === undefined)) {
      if (ready) this.logger.log('Ready');
      else this.logger.warn({ checks: response.checks }, 'Not ready');
    }
    this.wasReady = ready;
    return response;
  }

  private checkProviders(): ProvidersCheck {
    const sets = this.models.states();
    const degraded = sets.some((set) => [set.embedder.breaker, set.router.breaker].some((b) => b === 'open' || b === 'half-open'));
    return { status: degraded ? 'degraded' : 'ok', sets };
  }

  private checkPostgres(): Promise<DependencyCheck> {
    return timed(() => withTimeout(this.prisma.ping(), CHECK_TIMEOUT_MS, 'Postgres ping'));
  }

  private checkRedis(): Promise<DependencyCheck> {
    return timed(() => {
      const unavailable = this.redis.unavailableReason();
      if (unavailable) throw new Error(unavailable);
      return withTimeout(this.redis.client.ping(), CHECK_TIMEOUT_MS, 'Redis ping');
    });
  }

  /** The sync circuit breakers the workers publish (docs/sync.md); empty when Redis cannot be read. */
  private async syncBreakers(): Promise<SyncBreakerCheck[]> {
    if (this.redis.unavailableReason()) return [];
    try {
      const raw = await withTimeout(this.redis.client.hgetall(syncBreakersKey(this.config.values.REDIS_PREFIX)), CHECK_TIMEOUT_MS, 'Sync breakers read');
      return Object.values(raw).flatMap((value) => {
        const parsed = SyncBreakerStateSchema.safeParse(JSON.parse(value));
        return parsed.success ? [parsed.data] : [];
      });
    } catch {
      return [];
    }
  }

  private async checkWorker(): Promise<WorkerCheck> {
    const key = workerHeartbeatKey(this.config.values.REDIS_PREFIX);
    const ttlMs = heartbeatTtlMs(this.config.values.WORKER_HEARTBEAT_INTERVAL_MS);
    const unavailable = this.redis.unavailableReason();
    if (unavailable) return { status: 'error', lastHeartbeatAt: null, ageMs: null, error: `cannot read heartbeat: Redis ${unavailable}` };
    try {
      // The newest score in the heartbeat set is the last beat of the most recently active worker.
      const [, score] = await withTimeout(this.redis.client.zrevrange(key, 0, 0, 'WITHSCORES'), CHECK_TIMEOUT_MS, 'Heartbeat read');
      const beat = heartbeatStatus(score === undefined ? null : Number(score), Date.now(), ttlMs);
      if (beat.alive) return { status: 'ok', lastHeartbeatAt: beat.lastHeartbeatAt, ageMs: beat.ageMs };
      const error = beat.lastHeartbeatAt === null ? 'no worker heartbeat' : `last worker heartbeat is older than ${ttlMs}ms`;
      return { status: 'error', lastHeartbeatAt: beat.lastHeartbeatAt, ageMs: beat.ageMs, error };
    } catch (error) {
      return { status: 'error', lastHeartbeatAt: null, ageMs: null, error: `cannot read heartbeat: ${messageOf(error)}` };
    }
  }
}

async function timed(probe: () => Promise<unknown>): Promise<DependencyCheck> {
  const started = performance.now();
  try {
    await probe();
    return { status: 'ok', latencyMs: elapsed(started) };
  } catch (error) {
    return { status: 'error', latencyMs: elapsed(started), error: messageOf(error) };
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
