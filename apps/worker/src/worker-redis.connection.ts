import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { workerConnectionOptions } from '@toolgate/jobs';
import { Redis } from 'ioredis';
import { settleWithin } from './settle-within';

/**
 * The worker's Redis connection, with BullMQ's worker settings (`maxRetriesPerRequest: null`):
 * commands wait through a Redis outage instead of failing. BullMQ workers will share it.
 * Closed last, after everything that uses it (onApplicationShutdown runs after onModuleDestroy).
 */
@Injectable()
export class WorkerRedisConnection implements OnApplicationShutdown {
  private readonly logger = new Logger(WorkerRedisConnection.name);
  readonly client: Redis;
  private reportedDown = false;

  constructor(config: AppConfig) {
    this.client = new Redis(config.values.REDIS_URL, { ...workerConnectionOptions });
    // ioredis emits an error per reconnect attempt; log the transition, not every retry.
    this.client.on('error', (error: Error) => {
      if (this.reportedDown) return;
      this.reportedDown = true;
      this.logger.warn(`Redis unavailable: ${error.message}; retrying in the background`);
    });
    this.client.on('ready', () => {
      if (this.reportedDown) this.logger.log('Redis connection restored');
      this.reportedDown = false;
    });
  }

  async onApplicationShutdown(): Promise<void> {
    // QUIT waits for pending replies; during an outage it would wait forever, so cut it short.
    if (!(await settleWithin(this.client.quit(), 1000))) this.client.disconnect();
  }
}
