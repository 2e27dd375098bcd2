import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { producerConnectionOptions, watchRedisOutages } from '@toolgate/jobs';
import { Redis } from 'ioredis';

/**
 * The API's one Redis client, with producer settings: no offline queue and one retry, so a
 * command fails at once while Redis is down (readiness answers 503 instead of hanging).
 */
@Injectable()
export class RedisConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RedisConnection.name);
  readonly client: Redis;
  private readonly outages: { lastError(): string | undefined };

  constructor(config: AppConfig) {
    this.client = new Redis(config.values.REDIS_URL, { ...producerConnectionOptions, connectTimeout: 2000 });
    this.outages = watchRedisOutages(this.client, this.logger);
  }

  /** Why commands would fail right now, or undefined while connected. */
  unavailableReason(): string | undefined {
    if (this.client.status === 'ready') return undefined;
    const error = this.outages.lastError();
    return `not connected (${this.client.status}${error ? `: ${error}` : ''})`;
  }

  onModuleInit(): void {
    // Boot does not wait for Redis: the API starts, reports itself unready, and ioredis keeps retrying.
    this.client.connect().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
