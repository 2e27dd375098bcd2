import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, DomainError } from '@toolgate/config';
import { defaultJobOptions, enqueueNotificationEvent, NOTIFICATION_JOBS, notificationDeliverJobId, type NotificationEventPayload, QUEUES } from '@toolgate/jobs';
import { Queue } from 'bullmq';
import { RedisConnection } from '../infra/redis.connection';

/**
 * The API's producer on the `notifications` queue (the worker sends; the API never does). `emit` is what
 * request paths call after their change committed: it never throws and is bounded, so a notification never
 * fails or slows a registration, an approval or the CI gate (the producer client also fails fast while
 * Redis is down).
 */
@Injectable()
export class NotificationQueueService implements OnApplicationShutdown {
  private readonly logger = new Logger(NotificationQueueService.name);
  private readonly queue: Queue;

  constructor(redis: RedisConnection, config: AppConfig) {
    this.queue = new Queue(QUEUES.notifications, { connection: redis.client, prefix: config.values.REDIS_PREFIX, defaultJobOptions });
  }

  emit(event: NotificationEventPayload): Promise<void> {
    return enqueueNotificationEvent(this.queue, event, (error) => this.logger.warn(`Notification ${event.type} not queued: ${error.message}`));
  }

  /** A channel test: one attempt, no retries (the caller waits for that attempt's result). */
  async deliverTest(deliveryId: string): Promise<void> {
    try {
      await this.queue.add(NOTIFICATION_JOBS.deliver, { deliveryId }, { jobId: notificationDeliverJobId(deliveryId), attempts: 1 });
    } catch (error) {
      throw new DomainError('unavailable', 'QUEUE.UNAVAILABLE', `Could not enqueue the test message: ${(error as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
  }
}
