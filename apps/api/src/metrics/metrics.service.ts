import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { QUEUES, syncBreakersKey, SyncBreakerStateSchema } from '@toolgate/jobs';
import { Queue } from 'bullmq';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { withTimeout } from '../health/with-timeout';
import { RedisConnection } from '../infra/redis.connection';
import { breakerValue, registerProviderBreakerGauge } from '@toolgate/providers';
import { ApiModelProviders } from '../providers/model-providers.service';

const PREFIX = 'toolgate_';
// Redis reads made during a scrape give up after this long: a slow Redis leaves those series out of
// that scrape (and counts toolgate_metrics_collect_errors_total) instead of hanging it.
const REDIS_READ_TIMEOUT_MS = 1000;
const JOB_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * This process's Prometheus registry (docs/observability.md). Breaker and queue gauges are read when
 * Prometheus scrapes (`collect()`), so they cost nothing between scrapes and are never stale.
 * One registry per process: with API_PROCESSES > 1 a scrape reaches one process of the cluster.
 */
@Injectable()
export class ApiMetrics implements OnApplicationShutdown {
  readonly registry = new Registry();
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status_code'>;
  private readonly ciGateChecks: Counter<'outcome'>;
  private readonly indexRefresh: Histogram;
  private readonly collectErrors: Counter<'source'>;
  private queues: Queue[] | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly redis: RedisConnection,
    private readonly models: ApiModelProviders,
  ) {
    const registers = [this.registry];
    if (config.values.METRICS_ENABLED) collectDefaultMetrics({ register: this.registry, prefix: PREFIX });
    this.httpRequestDuration = new Histogram({
      name: `${PREFIX}http_request_duration_seconds`,
      help: 'HTTP request duration by method, matched route template and status code (scrapes of /metrics excluded).',
      labelNames: ['method', 'route', 'status_code'],
      registers,
    });
    this.ciGateChecks = new Counter({ name: `${PREFIX}ci_gate_checks_total`, help: 'CI gate checks answered, by outcome.', labelNames: ['outcome'], registers });
    this.indexRefresh = new Histogram({
      name: `${PREFIX}registry_index_refresh_seconds`,
      help: "Time a CI check spent refreshing this process's in-memory registry index (load or incremental refresh) before checking.",
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.collectErrors = new Counter({ name: `${PREFIX}metrics_collect_errors_total`, help: 'Scrape-time reads that failed or timed out, by source.', labelNames: ['source'], registers });

    registerProviderBreakerGauge(this.registry, () => this.models.states(), PREFIX, 'API');
    const readSyncBreakers = () => this.syncBreakers();
    new Gauge({
      name: `${PREFIX}sync_breaker_state`,
      help: 'Per-MCP-server sync circuit breakers, as the workers publish them to Redis: 0 closed, 0.5 half-open, 1 open.',
      labelNames: ['server_id'],
      registers,
      async collect() {
        this.reset();
        for (const breaker of await readSyncBreakers()) this.set({ server_id: breaker.serverId }, breakerValue(breaker.state));
      },
    });
    const readJobCounts = () => this.jobCounts();
    new Gauge({
      name: `${PREFIX}queue_jobs`,
      help: 'BullMQ jobs per queue and state (waiting, active, delayed, failed), read on scrape.',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        for (const { queue, counts } of await readJobCounts()) {
          for (const state of JOB_STATES) this.set({ queue, state }, counts[state] ?? 0);
        }
      },
    });
  }

  /** Counts one answered CI gate check. */
  ciGateCheck(outcome: 'passed' | 'blocked'): void {
    this.ciGateChecks.inc({ outcome });
  }

  /** Records one registry index refresh (seconds). */
  registryIndexRefreshed(seconds: number): void {
    this.indexRefresh.observe(seconds);
  }

  /** The exposition text of every metric (Prometheus text format 0.0.4). */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  private async syncBreakers() {
    try {
      if (this.redis.unavailableReason()) throw new Error('Redis unavailable');
      const raw = await withTimeout(this.redis.client.hgetall(syncBreakersKey(this.config.values.REDIS_PREFIX)), REDIS_READ_TIMEOUT_MS, 'Sync breakers read');
      return Object.values(raw).flatMap((value) => {
        const parsed = SyncBreakerStateSchema.safeParse(JSON.parse(value));
        return parsed.success ? [parsed.data] : [];
      });
    } catch {
      this.collectErrors.inc({ source: 'sync_breakers' });
      return [];
    }
  }

  private async jobCounts(): Promise<{ queue: string; counts: Record<string, number> }[]> {
    if (this.redis.unavailableReason()) {
      this.collectErrors.inc({ source: 'queues' });
      return [];
    }
    // Created on the first scrape, on the API's producer connection (no offline queue: fails fast).
    this.queues ??= Object.values(QUEUES).map((name) => new Queue(name, { connection: this.redis.client, prefix: this.config.values.REDIS_PREFIX }));
    const results = await Promise.allSettled(
      this.queues.map(async (queue) => ({ queue: queue.name, counts: await withTimeout(queue.getJobCounts(...JOB_STATES), REDIS_READ_TIMEOUT_MS, `Job counts of ${queue.name}`) })),
    );
    return results.flatMap((result) => {
      if (result.status === 'fulfilled') return [result.value];
      this.collectErrors.inc({ source: 'queues' });
      return [];
    });
  }

  async onApplicationShutdown(): Promise<void> {
    // The connection belongs to RedisConnection, which closes it.
    await Promise.all((this.queues ?? []).map((queue) => queue.close().catch(() => undefined)));
  }
}
