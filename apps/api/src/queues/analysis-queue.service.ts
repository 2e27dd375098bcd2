import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, DomainError } from '@toolgate/config';
import {
  ANALYSIS_JOBS,
  defaultJobOptions,
  type EnvironmentScanPayload,
  EnvironmentScanPayloadSchema,
  environmentScanJobId,
  QUEUES,
  type RegistrationAnalysisPayload,
  RegistrationAnalysisPayloadSchema,
  registrationAnalysisJobId,
} from '@toolgate/jobs';
import { Queue } from 'bullmq';
import { RedisConnection } from '../infra/redis.connection';

/**
 * Producer of the `analysis` queue. The API only enqueues; apps/worker processes. Shares the API's
 * Redis client (producer settings: no offline queue), so an enqueue while Redis is down fails at once.
 */
@Injectable()
export class AnalysisQueueService implements OnApplicationShutdown {
  private readonly queue: Queue;

  constructor(redis: RedisConnection, config: AppConfig) {
    this.queue = new Queue(QUEUES.analysis, { connection: redis.client, prefix: config.values.REDIS_PREFIX, defaultJobOptions });
  }

  /** Enqueues the scan of a run; the job id is derived from the run, so a repeat is a no-op. */
  enqueueScan(payload: EnvironmentScanPayload): Promise<string> {
    const data = EnvironmentScanPayloadSchema.parse(payload);
    return this.add(ANALYSIS_JOBS.environmentScan, data, environmentScanJobId(data.runId));
  }

  /** Enqueues the analysis of versions registered as PENDING_ANALYSIS (one job per registration run). */
  enqueueRegistration(payload: RegistrationAnalysisPayload): Promise<string> {
    const data = RegistrationAnalysisPayloadSchema.parse(payload);
    return this.add(ANALYSIS_JOBS.registrationAnalysis, data, registrationAnalysisJobId(data.runId));
  }

  private async add(name: string, data: object, jobId: string): Promise<string> {
    try {
      const job = await this.queue.add(name, data, { jobId });
      return job.id!;
    } catch (error) {
      throw new DomainError('unavailable', 'QUEUE.UNAVAILABLE', `Could not enqueue the analysis: ${(error as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    // The connection belongs to RedisConnection, which closes it; only the queue's own state closes here.
    await this.queue.close().catch(() => undefined);
  }
}
