import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { ANALYSIS_JOBS, defaultJobOptions, environmentScanFlowJobIds, QUEUES } from '@toolgate/jobs';
import { FlowProducer } from 'bullmq';
import { settleWithin } from '../settle-within';
import { WorkerRedisConnection } from '../worker-redis.connection';

/**
 * Fans a large re-scan out as a BullMQ flow: an `environment-scan-merge` parent on the `analysis` queue with one
 * `environment-scan-shard` child per shard on the `analysis-shards` queue. Shards have their own queue so each
 * worker process runs WORKER_SHARD_CONCURRENCY (default 1) of them while registrations keep WORKER_CONCURRENCY:
 * a CPU-bound shard a busy process would queue behind its own CPU is taken by an idle process instead. Job ids derive from the run, so a retried fan-out adds nothing twice;
 * a shard that fails for good fails the parent (`failParentOnFailure`), and the run with it.
 */
@Injectable()
export class ScanFlowService implements OnModuleDestroy {
  private readonly flows: FlowProducer;

  constructor(redis: WorkerRedisConnection, config: AppConfig) {
    this.flows = new FlowProducer({ connection: redis.client, prefix: config.values.REDIS_PREFIX });
  }

  async fanOut(runId: string, shards: number): Promise<void> {
    const ids = environmentScanFlowJobIds(runId, shards);
    await this.flows.add({
      name: ANALYSIS_JOBS.environmentScanMerge,
      queueName: QUEUES.analysis,
      data: { runId },
      opts: { ...defaultJobOptions, jobId: ids.merge },
      children: ids.shards.map((jobId, shard) => ({
        name: ANALYSIS_JOBS.environmentScanShard,
        queueName: QUEUES.analysisShards,
        data: { runId, shard, shards },
        opts: { ...defaultJobOptions, jobId, failParentOnFailure: true },
      })),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await settleWithin(this.flows.close(), 1000);
  }
}
