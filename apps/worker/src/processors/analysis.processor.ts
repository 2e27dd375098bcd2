import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { AnalysisRunRepository } from '@toolgate/db';
import { ANALYSIS_JOBS, EnvironmentScanPayloadSchema, EnvironmentScanShardPayloadSchema, QUEUES, RegistrationAnalysisPayloadSchema } from '@toolgate/jobs';
import { type Job, UnrecoverableError, type Worker } from 'bullmq';
import { EnvironmentScanUseCase } from '../analysis/environment-scan.use-case';
import { RegistrationAnalysisUseCase } from '../analysis/registration-analysis.use-case';
import { type ShardResult, ShardedScanUseCase } from '../analysis/sharded-scan.use-case';
import { NotificationQueue } from '../notifications/notification-queue';
import { WorkerRedisConnection } from '../worker-redis.connection';
import { closeQueueWorker, createQueueWorker } from './queue-worker';
import { ScanFlowService } from './scan-flow.service';

/** The `analysis` queue's processor (and its `analysis-shards` companion): a switch on the job name, one use case per job. */
@Injectable()
export class AnalysisProcessor implements OnModuleDestroy {
  private readonly logger = new Logger(AnalysisProcessor.name);
  private worker: Worker | undefined;
  private shardWorker: Worker | undefined;

  constructor(
    private readonly redis: WorkerRedisConnection,
    private readonly config: AppConfig,
    private readonly scan: EnvironmentScanUseCase,
    private readonly registration: RegistrationAnalysisUseCase,
    private readonly sharded: ShardedScanUseCase,
    private readonly flows: ScanFlowService,
    private readonly runs: AnalysisRunRepository,
    private readonly notifications: NotificationQueue,
  ) {}

  start(): void {
    this.worker = createQueueWorker(QUEUES.analysis, this.redis.client, this.config.values, (job) => this.process(job));
    // Fires for every failed attempt and for jobs that stalled too often; only a job that will not be
    // retried marks its run FAILED, so a run never stays RUNNING.
    this.worker.on('failed', (job, error) => void this.onFailed(job, error));
    this.worker.on('error', (error) => this.logger.warn(`Analysis worker error: ${error.message}`));
    // Shard jobs on their own queue, WORKER_SHARD_CONCURRENCY at a time (ScanFlowService explains why).
    this.shardWorker = createQueueWorker(QUEUES.analysisShards, this.redis.client, this.config.values, (job) => this.process(job));
    this.shardWorker.concurrency = this.config.values.WORKER_SHARD_CONCURRENCY;
    this.shardWorker.on('failed', (job, error) => void this.onFailed(job, error));
    this.shardWorker.on('error', (error) => this.logger.warn(`Analysis shard worker error: ${error.message}`));
    void this.worker.run();
    void this.shardWorker.run();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case ANALYSIS_JOBS.environmentScan: {
        const { runId } = EnvironmentScanPayloadSchema.parse(job.data);
        const outcome = await this.scan.run(runId, (progress) => job.updateProgress(progress), (shards) => this.flows.fanOut(runId, shards));
        // After the run committed; never throws (a notification does not fail the analysis).
        if ('run' in outcome) await this.notifications.emit({ type: 'analysis.completed', runId });
        return 'run' in outcome ? { runId, status: outcome.run.status, conflicts: outcome.run.conflictCount } : { runId, ...outcome };
      }
      case ANALYSIS_JOBS.environmentScanShard: {
        const { runId, shard, shards } = EnvironmentScanShardPayloadSchema.parse(job.data);
        return this.sharded.scanShard(runId, shard, shards);
      }
      case ANALYSIS_JOBS.environmentScanMerge: {
        const { runId } = EnvironmentScanPayloadSchema.parse(job.data);
        const results = Object.values(await job.getChildrenValues<ShardResult | null>());
        const run = await this.sharded.merge(runId, results);
        if (run) await this.notifications.emit({ type: 'analysis.completed', runId });
        return run ? { runId, status: run.status, shards: results.length, conflicts: run.conflictCount } : { runId, skipped: true };
      }
      case ANALYSIS_JOBS.registrationAnalysis: {
        const { runId, versionIds } = RegistrationAnalysisPayloadSchema.parse(job.data);
        const run = await this.registration.run(runId, versionIds, (percent) => job.updateProgress(percent));
        if (run) await this.notifications.emit({ type: 'analysis.completed', runId });
        return run ? { runId, status: run.status, conflicts: run.conflictCount } : { runId, skipped: true };
      }
      default:
        throw new UnrecoverableError(`Unknown job "${job.name}" on the ${QUEUES.analysis} queue`);
    }
  }

  private async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job) return;
    // Every analysis payload carries the run id; a shard that fails for good fails its run (and its parent).
    const parsed = EnvironmentScanPayloadSchema.safeParse(job.data);
    if (!parsed.success) return;
    try {
      if ((await job.getState()) !== 'failed') {
        this.logger.warn({ runId: parsed.data.runId, attempt: job.attemptsMade }, `Analysis attempt failed, will retry: ${error.message}`);
        return;
      }
      if (await this.runs.fail(parsed.data.runId, error.message)) await this.notifications.emit({ type: 'analysis.failed', runId: parsed.data.runId });
      this.logger.error({ runId: parsed.data.runId }, `Analysis run failed: ${error.message}`);
    } catch (failure) {
      this.logger.error({ runId: parsed.data.runId }, `Could not record the failed run: ${(failure as Error).message}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([closeQueueWorker(this.worker, this.logger), closeQueueWorker(this.shardWorker, this.logger)]);
  }
}
