import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { ANALYSIS_JOBS, defaultJobOptions, environmentScanFlowJobIds, QUEUES } from '@toolgate/jobs';
import { FlowProducer } from 'bullmq';
import { settleWithin } from '../settle-within';
import { WorkerRedisConnection } from '../worker-redis.connection';

/**
 * Fans a large re-scan out as a BullMQ flow on the `analysis` queue: an `environment-scan-merge` parent with one
 * `environment-scan-shard` child per shard. Job ids derive from the run, so a retried fan-out adds nothing twice;
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
        queueName: QUEUES.analysis,
        data: { runId, shard, shards },
        opts: { ...defaultJobOptions, jobId, failParentOnFailure: true },
      })),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await settleWithin(this.flows.close(), 1000);
  }
}
