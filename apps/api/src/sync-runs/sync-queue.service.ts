import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, DomainError } from '@toolgate/config';
import { isSyncableServer, type ServerRecord } from '@toolgate/db';
import { defaultJobOptions, QUEUES, ServerSyncPayloadSchema, serverSyncJobId, syncBreakersKey, SYNC_JOBS, syncSchedulerId } from '@toolgate/jobs';
import { Queue } from 'bullmq';
import { RedisConnection } from '../infra/redis.connection';


/**
 * Producer of the `sync` queue: manual runs, and one BullMQ job scheduler per server that follows its row
 * (created, interval changed, disabled, deleted). The worker reconciles the schedulers with the rows at start.
 */
@Injectable()
export class SyncQueueService implements OnApplicationShutdown {
  private readonly logger = new Logger(SyncQueueService.name);
  private readonly queue: Queue;

  constructor(
    private readonly redis: RedisConnection,
    private readonly config: AppConfig,
  ) {
    this.queue = new Queue(QUEUES.sync, { connection: redis.client, prefix: config.values.REDIS_PREFIX, defaultJobOptions });
  }

  /** Enqueues a recorded run (job id from the run: a repeat is a no-op). Throws 503 QUEUE.UNAVAILABLE. */
  async enqueueRun(runId: string): Promise<void> {
    const data = ServerSyncPayloadSchema.parse({ runId });
    try {
      await this.queue.add(SYNC_JOBS.serverSync, data, { jobId: serverSyncJobId(runId) });
    } catch (error) {
      throw new DomainError('unavailable', 'QUEUE.UNAVAILABLE', `Could not enqueue the sync: ${(error as Error).message}`);
    }
  }

  /**
   * Makes the server's scheduler match its row: present (every syncIntervalSeconds) while it is enabled, syncable
   * and has an interval; removed otherwise (`null`: the server was deleted). Redis being down is logged, not thrown:
   * the row is the source of truth and the worker reconciles schedulers with it at start.
   */
  async followSchedule(serverId: string, server: ServerRecord | null): Promise<void> {
    try {
      if (server && server.enabled && server.syncIntervalSeconds && isSyncableServer(server)) {
        await this.queue.upsertJobScheduler(
          syncSchedulerId(serverId),
          { every: server.syncIntervalSeconds * 1000 },
          { name: SYNC_JOBS.scheduledSync, data: { serverId }, opts: { ...defaultJobOptions, attempts: 1 } },
        );
      } else {
        await this.queue.removeJobScheduler(syncSchedulerId(serverId));
      }
    } catch (error) {
      this.logger.warn({ serverId }, `Sync schedule not updated (the worker reconciles it at start): ${(error as Error).message}`);
    }
  }

  /** Forgets a deleted server's published breaker state. */
  async forgetBreaker(serverId: string): Promise<void> {
    await this.redis.client.hdel(syncBreakersKey(this.config.values.REDIS_PREFIX), serverId).catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
  }
}
