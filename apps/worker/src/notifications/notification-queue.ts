import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import {
  defaultJobOptions,
  enqueueNotificationEvent,
  NOTIFICATION_JOBS,
  notificationDeliverJobId,
  notificationDigestJobId,
  type NotificationEventPayload,
  QUEUES,
} from '@toolgate/jobs';
import { Queue } from 'bullmq';
import { WorkerRedisConnection } from '../worker-redis.connection';
import { RETRY_AFTER_BACKOFF } from './retry-after.backoff';

/**
 * The worker's producer on the `notifications` queue: events noticed by worker jobs (a run's conflicts,
 * a failed run, a changed ACTIVE tool, approvals close to expiry) and the per-channel deliveries a
 * fan-out creates. Deliveries retry NOTIFY_MAX_ATTEMPTS times with exponential backoff from NOTIFY_BACKOFF_MS.
 */
@Injectable()
export class NotificationQueue implements OnModuleDestroy {
  private readonly logger = new Logger(NotificationQueue.name);
  readonly queue: Queue;

  constructor(
    redis: WorkerRedisConnection,
    private readonly config: AppConfig,
  ) {
    this.queue = new Queue(QUEUES.notifications, { connection: redis.client, prefix: config.values.REDIS_PREFIX, defaultJobOptions });
  }

  /** Queues an event; never throws (a notification never fails the job that noticed it). */
  emit(event: NotificationEventPayload): Promise<void> {
    return enqueueNotificationEvent(this.queue, event, (error) => this.logger.warn(`Notification ${event.type} not queued: ${error.message}`));
  }

  /** Exponential from NOTIFY_BACKOFF_MS, never sooner than a peer's Retry-After (retry-after.backoff.ts). */
  private deliveryOptions(): { attempts: number; backoff: { type: string; delay: number } } {
    return { attempts: this.config.values.NOTIFY_MAX_ATTEMPTS, backoff: { type: RETRY_AFTER_BACKOFF, delay: this.config.values.NOTIFY_BACKOFF_MS } };
  }

  /** One delivery; its job id is the row's, so queueing it twice is a no-op. */
  async deliver(deliveryId: string): Promise<void> {
    await this.queue.add(NOTIFICATION_JOBS.deliver, { deliveryId }, { ...this.deliveryOptions(), jobId: notificationDeliverJobId(deliveryId) });
  }

  /** The digest of a channel's interval, sent `delayMs` from now; every event of the interval shares the job. */
  async digest(channelId: string, digestKey: string, delayMs: number): Promise<void> {
    await this.queue.add(NOTIFICATION_JOBS.digest, { channelId, digestKey }, { ...this.deliveryOptions(), jobId: notificationDigestJobId(digestKey), delay: Math.max(0, delayMs) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close().catch(() => undefined);
  }
}
