import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { NotificationChannelRepository, NotificationDeliveryRepository, type NotificationDeliveryRecord } from '@toolgate/db';
import { ChannelBreakers, deliver, type DeliveryResult, type NotificationDigest, type NotificationEvent, type NotificationMessage, notificationUrlPolicy } from '@toolgate/notifications';
import type { OutboundUrlPolicy } from '@toolgate/net';
import { type Job, UnrecoverableError } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { ChannelOpener } from './channel-opener';
import { RetryableDeliveryError } from './retry-after.backoff';

/** What the processor returns for a finished job (kept in BullMQ's completed set for inspection). */
export interface DeliveryOutcome {
  status: 'SENT' | 'SKIPPED';
  deliveries: number;
  httpStatus?: number;
}

/**
 * Sends one delivery (or one digest) through the notifications lib, with this worker's per-channel breakers,
 * and records every attempt on the delivery rows. A retryable failure with attempts left throws, so BullMQ
 * retries it with exponential backoff; a permanent failure (retryable=false, attempts exhausted, an open
 * circuit, a channel that cannot be opened, a destination outside NOTIFY_URL_ALLOWLIST or in a private range) is recorded FAILED and thrown as UnrecoverableError.
 * An open circuit fails at once: the channel is known to be down, and waiting out the backoff behind it would
 * only keep jobs around; the reason is stored on the row.
 */
@Injectable()
export class NotificationDeliveryUseCase implements OnModuleDestroy {
  private readonly logger = new Logger(NotificationDeliveryUseCase.name);
  readonly breakers: ChannelBreakers;
  /** The channel version each breaker has seen: a changed channel (a fixed URL) starts with a closed circuit. */
  private readonly versions = new Map<string, number>();
  /** Where sends may go (NOTIFY_URL_ALLOWLIST, NOTIFY_ALLOW_PRIVATE_NETWORKS): checked before every send, DNS resolved each time. */
  private readonly urlPolicy: OutboundUrlPolicy;

  constructor(
    private readonly config: AppConfig,
    private readonly channels: NotificationChannelRepository,
    private readonly deliveries: NotificationDeliveryRepository,
    private readonly opener: ChannelOpener,
  ) {
    this.breakers = new ChannelBreakers({
      failureThreshold: config.values.NOTIFY_BREAKER_FAILURES,
      resetTimeoutMs: config.values.NOTIFY_BREAKER_RESET_MS,
      onStateChange: (channelId, state) => this.logger.warn(`Notification channel ${channelId} circuit ${state}`),
    });
    this.urlPolicy = notificationUrlPolicy(config.values.NOTIFY_URL_ALLOWLIST, config.values.NOTIFY_ALLOW_PRIVATE_NETWORKS);
  }

  async deliverOne(deliveryId: string, job: Pick<Job, 'attemptsMade' | 'opts'>): Promise<DeliveryOutcome> {
    const delivery = await this.deliveries.findById(deliveryId);
    if (!delivery || delivery.status !== 'QUEUED') return { status: 'SKIPPED', deliveries: 0 };
    return this.send(delivery.channelId, [delivery], delivery.event as unknown as NotificationEvent, job);
  }

  async deliverDigest(channelId: string, digestKey: string, job: Pick<Job, 'attemptsMade' | 'opts'>): Promise<DeliveryOutcome> {
    const rows = await this.deliveries.listDigestQueued(channelId, digestKey);
    if (rows.length === 0) return { status: 'SKIPPED', deliveries: 0 };
    const events = rows.map((row) => row.event as unknown as NotificationEvent);
    const first = events[0]!;
    const times = rows.map((row) => row.createdAt.getTime());
    const digest: NotificationDigest = {
      type: 'digest',
      id: randomUUID(),
      environment: first.environment,
      periodStart: new Date(Math.min(...times)).toISOString(),
      periodEnd: new Date(Math.max(...times)).toISOString(),
      events,
    };
    return this.send(channelId, rows, digest, job);
  }

  private async send(channelId: string, rows: NotificationDeliveryRecord[], message: NotificationMessage, job: Pick<Job, 'attemptsMade' | 'opts'>): Promise<DeliveryOutcome> {
    const ids = rows.map((row) => row.id);
    const attempts = rows[0]!.attempts + 1;
    const record = await this.channels.findByIdUnscoped(channelId);
    const isTest = rows[0]!.eventType === 'channel.test';
    if (!record || (!record.enabled && !isTest)) {
      return this.fail(ids, attempts, { error: record ? 'channel disabled' : 'channel deleted' });
    }
    const version = record.updatedAt.getTime();
    if (this.versions.has(record.id) && this.versions.get(record.id) !== version) this.breakers.reset(record.id);
    this.versions.set(record.id, version);
    const opened = this.opener.open(record);
    if ('error' in opened) return this.fail(ids, attempts, { error: opened.error });

    const result = await deliver(opened.channel, message, {
      deliveryId: ids[0],
      breakers: this.breakers,
      timeoutMs: this.config.values.NOTIFY_SEND_TIMEOUT_MS,
      urlPolicy: this.urlPolicy,
    });
    if (result.ok) {
      await this.deliveries.recordAttempt(ids, { status: 'SENT', attempts, error: null, httpStatus: result.httpStatus ?? null }, { durationMs: result.durationMs });
      return { status: 'SENT', deliveries: ids.length, ...(result.httpStatus ? { httpStatus: result.httpStatus } : {}) };
    }
    const maxAttempts = job.opts.attempts ?? 1;
    const final = !result.retryable || result.errorCode === 'NOTIFICATION.CIRCUIT_OPEN' || job.attemptsMade + 1 >= maxAttempts;
    if (final) return this.fail(ids, attempts, result);
    await this.deliveries.recordAttempt(ids, { status: 'QUEUED', attempts, error: describe(result), httpStatus: result.httpStatus ?? null });
    throw new RetryableDeliveryError(`delivery attempt ${attempts} failed: ${describe(result)}`, result.retryAfterMs);
  }

  private async fail(ids: string[], attempts: number, result: Pick<DeliveryResult, 'error' | 'httpStatus' | 'errorCode'>): Promise<never> {
    const error = describe(result);
    await this.deliveries.recordAttempt(ids, { status: 'FAILED', attempts, error, httpStatus: result.httpStatus ?? null }, { errorCode: result.errorCode ?? null });
    throw new UnrecoverableError(`delivery failed for good: ${error}`);
  }

  onModuleDestroy(): void {
    this.breakers.shutdown();
  }
}

/** The stored reason: the lib's code and its (already redacted) text. */
function describe(result: Pick<DeliveryResult, 'error' | 'errorCode'>): string {
  const text = (result.error ?? 'failed').slice(0, 1000);
  return result.errorCode ? `${result.errorCode}: ${text}` : text;
}
