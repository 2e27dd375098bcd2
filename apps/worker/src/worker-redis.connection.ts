import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { workerConnectionOptions, watchRedisOutages } from '@toolgate/jobs';
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

  constructor(config: AppConfig) {
    this.client = new Redis(config.values.REDIS_URL, { ...workerConnectionOptions });
    watchRedisOutages(this.client, this.logger);
  }

  async onApplicationShutdown(): Promise<void> {
    // QUIT waits for pending replies; during an outage it would wait forever, so cut it short.
    if (!(await settleWithin(this.client.quit(), 1000))) this.client.disconnect();
  }
}
