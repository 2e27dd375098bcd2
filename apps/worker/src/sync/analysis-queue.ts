import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { defaultJobOptions, QUEUES } from '@toolgate/jobs';
import { Queue } from 'bullmq';
import { WorkerRedisConnection } from '../worker-redis.connection';

/** The worker's producer of `analysis` jobs (a sync hands the versions it stored to the registration analysis). */
@Injectable()
export class AnalysisQueue implements OnModuleDestroy {
  private readonly queue: Queue;

  constructor(redis: WorkerRedisConnection, config: AppConfig) {
    this.queue = new Queue(QUEUES.analysis, { connection: redis.client, prefix: config.values.REDIS_PREFIX, defaultJobOptions });
  }

  async add(name: string, data: object, jobId: string): Promise<void> {
    await this.queue.add(name, data, { jobId });
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close().catch(() => undefined);
  }
}
