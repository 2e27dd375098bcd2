import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { SyncRunRepository } from '@toolgate/db';
import { QUEUES, ScheduledSyncPayloadSchema, ServerSyncPayloadSchema, SYNC_JOBS } from '@toolgate/jobs';
import { type Job, Queue, UnrecoverableError, type Worker } from 'bullmq';
import { ServerSyncUseCase } from '../sync/server-sync.use-case';
import { SyncSchedules } from '../sync/sync-schedules';
import { WorkerRedisConnection } from '../worker-redis.connection';
import { closeQueueWorker, createQueueWorker } from './queue-worker';

// Schedulers are also reconciled this often while the worker runs, so a row saved while Redis was unreachable
// (the API logs it and moves on) gets its schedule within minutes, not at the next worker restart.
const RECONCILE_INTERVAL_MS = 10 * 60_000;

/** The `sync` queue's processor: a switch on the job name, one call into the sync use case. */
@Injectable()
export class SyncProcessor implements OnModuleDestroy {
  private readonly logger = new Logger(SyncProcessor.name);
  private worker: Worker | undefined;
  private queue: Queue | undefined;
  private reconcileTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: WorkerRedisConnection,
    private readonly config: AppConfig,
    private readonly sync: ServerSyncUseCase,
    private readonly schedules: SyncSchedules,
    private readonly runs: SyncRunRepository,
  ) {}

  start(): void {
    this.queue = new Queue(QUEUES.sync, { connection: this.redis.client, prefix: this.config.values.REDIS_PREFIX });
    // In the background: with Redis down at boot this waits for the reconnection instead of blocking startup.
    const reconcile = (): void => {
      if (!this.queue) return;
      this.schedules.reconcile(this.queue).catch((error: unknown) => this.logger.error(`Could not reconcile sync schedules: ${error instanceof Error ? error.message : String(error)}`));
    };
    reconcile();
    this.reconcileTimer = setInterval(reconcile, RECONCILE_INTERVAL_MS);
    this.reconcileTimer.unref();
    this.worker = createQueueWorker(QUEUES.sync, this.redis.client, this.config.values, (job) => this.process(job));
    this.worker.on('failed', (job, error) => void this.onFailed(job, error));
    this.worker.on('error', (error) => this.logger.warn(`Sync worker error: ${error.message}`));
    void this.worker.run();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case SYNC_JOBS.serverSync: {
        const { runId } = ServerSyncPayloadSchema.parse(job.data);
        const outcome = await this.sync.run(runId);
        return outcome.status === 'COMPLETED' ? { runId, status: outcome.status } : { runId, ...outcome };
      }
      case SYNC_JOBS.scheduledSync: {
        const { serverId } = ScheduledSyncPayloadSchema.parse(job.data);
        const outcome = await this.sync.scheduled(serverId);
        return outcome.status === 'COMPLETED' ? { serverId, runId: outcome.run.id, status: outcome.status } : { serverId, ...outcome };
      }
      default:
        throw new UnrecoverableError(`Unknown job "${job.name}" on the ${QUEUES.sync} queue`);
    }
  }

  /** A manual run whose job will not be retried any more is marked FAILED, so it never stays RUNNING. */
  private async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job) return;
    const attempts = job.opts.attempts ?? 1;
    if (job.name !== SYNC_JOBS.serverSync || job.attemptsMade < attempts) return;
    const parsed = ServerSyncPayloadSchema.safeParse(job.data);
    if (parsed.success) await this.runs.fail(parsed.data.runId, `SYNC_ERROR: ${error.message}`).catch(() => undefined);
    this.logger.warn({ jobId: job.id }, `Sync job failed: ${error.message}`);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.reconcileTimer);
    await closeQueueWorker(this.worker, this.logger);
    await this.queue?.close();
  }
}
