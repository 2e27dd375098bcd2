import { hostname } from 'node:os';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { heartbeatTtlMs, workerHeartbeatKey, workerId } from '@toolgate/jobs';
import { settleWithin } from '../settle-within';
import { WorkerRedisConnection } from '../worker-redis.connection';

// Bound on each shutdown step, so SIGTERM during a Redis outage still exits promptly.
const SHUTDOWN_STEP_MS = 1000;

/**
 * Tells the API this worker is alive: every WORKER_HEARTBEAT_INTERVAL_MS it sets its score in the
 * heartbeat sorted set to the current time (see libs/jobs heartbeat.ts). On shutdown it removes
 * itself, so readiness stops counting it at once rather than after the TTL.
 */
@Injectable()
export class HeartbeatService implements OnModuleDestroy {
  private readonly logger = new Logger(HeartbeatService.name);
  private readonly key: string;
  private readonly intervalMs: number;
  readonly id = workerId(hostname(), process.pid);
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly redis: WorkerRedisConnection,
    config: AppConfig,
  ) {
    this.key = workerHeartbeatKey(config.values.REDIS_PREFIX);
    this.intervalMs = config.values.WORKER_HEARTBEAT_INTERVAL_MS;
  }

  /**
   * Starts beating. Called by main.ts after the signal handlers are installed (not from a Nest
   * bootstrap hook), so a visible heartbeat implies SIGTERM will be handled gracefully.
   */
  start(): void {
    this.beatUnlessBusy();
    this.timer = setInterval(() => this.beatUnlessBusy(), this.intervalMs);
    this.logger.log({ workerId: this.id, key: this.key, intervalMs: this.intervalMs }, 'Heartbeat started');
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    // A beat finishing after the removal would re-add this worker for a whole TTL.
    if (this.inFlight) await settleWithin(this.inFlight, SHUTDOWN_STEP_MS);
    const removed = await settleWithin(this.redis.client.zrem(this.key, this.id), SHUTDOWN_STEP_MS);
    if (removed) this.logger.log({ workerId: this.id }, 'Heartbeat stopped and removed');
    else this.logger.warn({ workerId: this.id }, 'Heartbeat stopped; removing it failed, it expires on its own');
  }

  // While Redis is down a beat waits (maxRetriesPerRequest: null); do not pile more up behind it.
  private beatUnlessBusy(): void {
    if (this.inFlight) return;
    this.inFlight = this.beat().finally(() => {
      this.inFlight = undefined;
    });
  }

  private async beat(): Promise<void> {
    const now = Date.now();
    const ttlMs = heartbeatTtlMs(this.intervalMs);
    try {
      // One round trip: record this beat, forget workers that stopped beating, and let the whole
      // set expire if every worker dies.
      await this.redis.client
        .multi()
        .zadd(this.key, now, this.id)
        .zremrangebyscore(this.key, '-inf', now - ttlMs)
        .pexpire(this.key, ttlMs)
        .exec();
    } catch (error) {
      this.logger.warn(`Heartbeat failed: ${(error as Error).message}`);
    }
  }
}
