import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { NOTIFICATION_JOBS, NotificationDeliverPayloadSchema, NotificationDigestPayloadSchema, NotificationEventPayloadSchema, QUEUES } from '@toolgate/jobs';
import { type Job, UnrecoverableError, type Worker } from 'bullmq';
import { NotificationDeliveryUseCase } from '../notifications/notification-delivery.use-case';
import { NotificationFanOutUseCase } from '../notifications/notification-fan-out.use-case';
import { retryAfterBackoff } from '../notifications/retry-after.backoff';
import { WorkerRedisConnection } from '../worker-redis.connection';
import { closeQueueWorker, createQueueWorker } from './queue-worker';

/**
 * The `notifications` queue's one processor: an event fans out to per-channel deliveries, a delivery or a
 * digest is sent. Runs in the worker only, so a slow or dead channel never holds an API request.
 */
@Injectable()
export class NotificationsProcessor implements OnModuleDestroy {
  private readonly logger = new Logger(NotificationsProcessor.name);
  private worker: Worker | undefined;

  constructor(
    private readonly redis: WorkerRedisConnection,
    private readonly config: AppConfig,
    private readonly fanOut: NotificationFanOutUseCase,
    private readonly delivery: NotificationDeliveryUseCase,
  ) {}

  start(): void {
    this.worker = createQueueWorker(QUEUES.notifications, this.redis.client, this.config.values, (job) => this.process(job), { backoffStrategy: retryAfterBackoff });
    this.worker.on('failed', (job, error) => this.logger.warn({ jobId: job?.id, attemptsMade: job?.attemptsMade }, `Notification job failed: ${error.message}`));
    this.worker.on('error', (error) => this.logger.warn(`Notifications worker error: ${error.message}`));
    void this.worker.run();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case NOTIFICATION_JOBS.event:
        return this.fanOut.run(parse(NotificationEventPayloadSchema, job));
      case NOTIFICATION_JOBS.deliver:
        return this.delivery.deliverOne(parse(NotificationDeliverPayloadSchema, job).deliveryId, job);
      case NOTIFICATION_JOBS.digest: {
        const { channelId, digestKey } = parse(NotificationDigestPayloadSchema, job);
        return this.delivery.deliverDigest(channelId, digestKey, job);
      }
      default:
        throw new UnrecoverableError(`Unknown job "${job.name}" on the ${QUEUES.notifications} queue`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await closeQueueWorker(this.worker, this.logger);
  }
}

/** A payload that does not parse will never parse: fail it for good instead of retrying. */
function parse<T>(schema: { safeParse(data: unknown): { success: true; data: T } | { success: false; error: { message: string } } }, job: Job): T {
  const result = schema.safeParse(job.data);
  if (!result.success) throw new UnrecoverableError(`Invalid ${job.name} payload: ${result.error.message}`);
  return result.data;
}
