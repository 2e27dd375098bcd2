import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { type ProviderCacheEviction, ProviderCacheRetentionRepository } from '@toolgate/db';
import { APPROVAL_EXPIRY_SCHEDULER_ID, defaultJobOptions, MAINTENANCE_JOBS, PROVIDER_CACHE_EVICTION_SCHEDULER_ID, QUEUES } from '@toolgate/jobs';
import { type Job, Queue, UnrecoverableError, type Worker } from 'bullmq';
import { ApprovalExpiryUseCase } from '../maintenance/approval-expiry.use-case';
import { ApprovalNoticesUseCase } from '../notifications/approval-notices.use-case';
import { WorkerRedisConnection } from '../worker-redis.connection';
import { closeQueueWorker, createQueueWorker } from './queue-worker';

/**
 * The `maintenance` queue's one processor. On start it upserts the approval-expiry and provider-cache eviction
 * job schedulers: every worker upserts the SAME scheduler ids, so however many run there is one repeating job
 * each, and a changed interval replaces the old schedule (PROVIDER_CACHE_RETENTION_DAYS=0 removes the eviction).
 */
@Injectable()
export class MaintenanceProcessor implements OnModuleDestroy {
  private readonly logger = new Logger(MaintenanceProcessor.name);
  private worker: Worker | undefined;
  private queue: Queue | undefined;

  constructor(
    private readonly redis: WorkerRedisConnection,
    private readonly config: AppConfig,
    private readonly approvalExpiry: ApprovalExpiryUseCase,
    private readonly approvalNotices: ApprovalNoticesUseCase,
    private readonly cacheRetention: ProviderCacheRetentionRepository,
  ) {}

  start(): void {
    const { REDIS_PREFIX, APPROVAL_EXPIRY_INTERVAL_MS, PROVIDER_CACHE_RETENTION_DAYS, PROVIDER_CACHE_EVICTION_INTERVAL_MS } = this.config.values;
    this.queue = new Queue(QUEUES.maintenance, { connection: this.redis.client, prefix: REDIS_PREFIX });
    // In the background: with Redis down at boot the call waits for the reconnection instead of blocking startup.
    this.queue
      .upsertJobScheduler(
        APPROVAL_EXPIRY_SCHEDULER_ID,
        { every: APPROVAL_EXPIRY_INTERVAL_MS },
        // One attempt: the next tick retries anyway, and a backlog of retries would only repeat the same query.
        { name: MAINTENANCE_JOBS.expireApprovals, data: {}, opts: { ...defaultJobOptions, attempts: 1 } },
      )
      .catch((error: unknown) => this.logger.error(`Could not schedule approval expiry: ${error instanceof Error ? error.message : String(error)}`));
    const eviction =
      PROVIDER_CACHE_RETENTION_DAYS > 0
        ? this.queue.upsertJobScheduler(
            PROVIDER_CACHE_EVICTION_SCHEDULER_ID,
            { every: PROVIDER_CACHE_EVICTION_INTERVAL_MS },
            { name: MAINTENANCE_JOBS.evictProviderCaches, data: {}, opts: { ...defaultJobOptions, attempts: 1 } },
          )
        : this.queue.removeJobScheduler(PROVIDER_CACHE_EVICTION_SCHEDULER_ID);
    eviction.catch((error: unknown) => this.logger.error(`Could not schedule provider cache eviction: ${error instanceof Error ? error.message : String(error)}`));
    this.worker = createQueueWorker(QUEUES.maintenance, this.redis.client, this.config.values, (job) => this.process(job));
    this.worker.on('failed', (job, error) => this.logger.warn({ jobId: job?.id }, `Maintenance job failed: ${error.message}`));
    this.worker.on('error', (error) => this.logger.warn(`Maintenance worker error: ${error.message}`));
    void this.worker.run();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case MAINTENANCE_JOBS.expireApprovals:
      {
        const now = new Date();
        const expired = await this.approvalExpiry.run(now);
        // Expiry warnings and expiry notices (NOTIFY_APPROVAL_EXPIRING_LEAD_MS); queued, never sent inline.
        return { expired, notices: await this.approvalNotices.run(now) };
      }
      case MAINTENANCE_JOBS.evictProviderCaches:
        return this.evictProviderCaches(new Date());
      default:
        throw new UnrecoverableError(`Unknown job "${job.name}" on the ${QUEUES.maintenance} queue`);
    }
  }

  /** Deletes cached model answers unused for PROVIDER_CACHE_RETENTION_DAYS (nothing when it is 0). */
  async evictProviderCaches(now: Date): Promise<ProviderCacheEviction | { skipped: string }> {
    const days = this.config.values.PROVIDER_CACHE_RETENTION_DAYS;
    if (days === 0) return { skipped: 'PROVIDER_CACHE_RETENTION_DAYS is 0' };
    const evicted = await this.cacheRetention.evictUnusedSince(new Date(now.getTime() - days * 86_400_000));
    this.logger.log({ ...evicted, retentionDays: days }, 'Provider caches evicted');
    return evicted;
  }

  async onModuleDestroy(): Promise<void> {
    await closeQueueWorker(this.worker, this.logger);
    await this.queue?.close();
  }
}
