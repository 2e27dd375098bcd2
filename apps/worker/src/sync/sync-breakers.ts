import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { syncBreakersKey, type SyncBreakerState } from '@toolgate/jobs';
import type { ServerRecord } from '@toolgate/db';
import { SyncBreakerRegistry } from '@toolgate/mcp';
import { WorkerRedisConnection } from '../worker-redis.connection';

/**
 * The worker's per-server circuit breakers (opossum, in libs/mcp), and their publication for `/readiness`:
 * after every sync the server's state goes into one Redis hash that the API reads. Breakers live per worker
 * process; with several workers each publishes what it saw last (the latest write wins).
 */
@Injectable()
export class SyncBreakers {
  readonly registry: SyncBreakerRegistry;
  /** The connection each breaker was counting failures for: a changed connection is a new target. */
  private readonly targets = new Map<string, string>();

  constructor(
    private readonly redis: WorkerRedisConnection,
    private readonly config: AppConfig,
  ) {
    this.registry = new SyncBreakerRegistry({ failureThreshold: config.values.SYNC_BREAKER_FAILURES, resetTimeoutMs: config.values.SYNC_BREAKER_RESET_MS });
  }

  /** Starts the server's circuit afresh (closed) when its connection changed since the last sync in this process. */
  track(server: ServerRecord): void {
    const target = createHash('sha256').update(JSON.stringify([server.transport, server.connection, server.secretNames])).digest('hex');
    const previous = this.targets.get(server.id);
    if (previous !== undefined && previous !== target) this.registry.forget(server.id);
    this.targets.set(server.id, target);
  }

  async publish(serverId: string, lastError: string | null): Promise<void> {
    const state: SyncBreakerState = { serverId, state: this.registry.state(serverId), updatedAt: new Date().toISOString(), lastError: lastError?.slice(0, 300) ?? null };
    await this.redis.client.hset(syncBreakersKey(this.config.values.REDIS_PREFIX), serverId, JSON.stringify(state));
  }

  /** Drops a deleted server's breaker and its published state. */
  async forget(serverId: string): Promise<void> {
    this.registry.forget(serverId);
    this.targets.delete(serverId);
    await this.redis.client.hdel(syncBreakersKey(this.config.values.REDIS_PREFIX), serverId);
  }
}
