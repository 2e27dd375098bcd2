import { Injectable } from '@nestjs/common';
import type { NotificationChannelKind, NotificationDelivery, Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { audit, auditEntry, SYSTEM_SOURCE } from './audit-context';
import type { ChannelKindValue, DeliveryAttempt, NotificationDeliveryFilter, NotificationDeliveryRecord, NotificationDeliveryWrite } from './notification.types';
import { pageArgs, toPage } from './pagination';
import type { Page, PageRequest, SeverityLevel } from './registry.types';

const SEVERITIES: SeverityLevel[] = ['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/** Advisory-lock class for the dedup check-then-insert; the second key is hashtext(channel|event|dedupKey). */
const DEDUP_LOCK_CLASS = 7_420_007;

const KIND_FROM_DB: Record<NotificationChannelKind, ChannelKindValue> = { SLACK: 'slack', EMAIL: 'email', PAGERDUTY: 'pagerduty', WEBHOOK: 'webhook' };
const INCLUDE = { channel: { select: { name: true, kind: true, environment: { select: { organisationId: true } } } } } as const;
type DeliveryRow = NotificationDelivery & { channel: { name: string; kind: NotificationChannelKind; environment: { organisationId: string } } };

function toRecord(row: DeliveryRow): NotificationDeliveryRecord {
  return {
    id: row.id,
    channelId: row.channelId,
    channelName: row.channel.name,
    channelKind: KIND_FROM_DB[row.channel.kind],
    environmentId: row.environmentId,
    eventType: row.eventType,
    dedupKey: row.dedupKey,
    severity: row.severity,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    httpStatus: row.httpStatus,
    event: (row.event ?? {}) as Record<string, unknown>,
    digestKey: row.digestKey,
    sentAt: row.sentAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Outcome of {@link NotificationDeliveryRepository.queueUnlessDuplicate}. */
export type QueueOutcome = { outcome: 'queued'; delivery: NotificationDeliveryRecord } | { outcome: 'duplicate'; delivery: NotificationDeliveryRecord; duplicateOf: string };

/** Delivery rows: one per event per channel, updated per attempt; the dedup window is read from here. */
@Injectable()
export class NotificationDeliveryRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Queues a delivery unless the same event for the same subject was queued or sent to the channel since
   * `windowStart` (null: ever) at the same or a higher severity; a duplicate is stored as SUPPRESSED, naming the delivery it repeats, so
   * the listing shows why nothing was sent. The check and the insert hold one advisory lock per
   * (channel, event, subject), so two concurrent fan-outs of one event queue it once.
   */
  async queueUnlessDuplicate(write: NotificationDeliveryWrite, windowStart: Date | null): Promise<QueueOutcome> {
    return this.prisma.$transaction(async (tx) => {
      const lockKey = `${write.channelId}|${write.eventType}|${write.dedupKey}`;
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DEDUP_LOCK_CLASS}::int, hashtext(${lockKey}))`;
      const previous = await tx.notificationDelivery.findFirst({
        where: {
          channelId: write.channelId,
          eventType: write.eventType,
          dedupKey: write.dedupKey,
          status: { in: ['QUEUED', 'SENT'] },
          ...(windowStart ? { createdAt: { gte: windowStart } } : {}),
          // An escalation is not a repeat: only a delivery at the same or a higher severity counts.
          ...(write.severity ? { severity: { in: SEVERITIES.slice(SEVERITIES.indexOf(write.severity)) } } : {}),
        },
        orderBy: { createdAt: 'desc' },
        select: { id: true },
      });
      const data = { ...write, severity: write.severity ?? null, event: write.event as Prisma.InputJsonValue };
      if (previous) {
        const row = await tx.notificationDelivery.create({ data: { ...data, status: 'SUPPRESSED', lastError: `duplicate of delivery ${previous.id} within the dedup window` }, include: INCLUDE });
        return { outcome: 'duplicate', delivery: toRecord(row), duplicateOf: previous.id };
      }
      return { outcome: 'queued', delivery: toRecord(await tx.notificationDelivery.create({ data, include: INCLUDE })) };
    });
  }

  /**
   * True when the subject `dedupKey` is "open" on the channel: its latest SENT or QUEUED delivery among
   * `opening` and `closing` event types is an opening one. A closing event (conflict resolved, request
   * decided) goes only to channels that announced the subject and have not closed it yet.
   */
  async isOpen(channelId: string, dedupKey: string, opening: readonly string[], closing: readonly string[]): Promise<boolean> {
    const latest = await this.prisma.notificationDelivery.findFirst({
      where: { channelId, dedupKey, eventType: { in: [...opening, ...closing] }, status: { in: ['SENT', 'QUEUED'] } },
      orderBy: { createdAt: 'desc' },
      select: { eventType: true },
    });
    return latest !== null && opening.includes(latest.eventType);
  }

  async findById(id: string): Promise<NotificationDeliveryRecord | undefined> {
    const row = await this.prisma.notificationDelivery.findUnique({ where: { id }, include: INCLUDE });
    return row ? toRecord(row) : undefined;
  }

  /** A channel's deliveries waiting for the digest `digestKey`, oldest first. */
  async listDigestQueued(channelId: string, digestKey: string): Promise<NotificationDeliveryRecord[]> {
    const rows = await this.prisma.notificationDelivery.findMany({ where: { channelId, digestKey, status: 'QUEUED' }, include: INCLUDE, orderBy: { id: 'asc' } });
    return rows.map(toRecord);
  }

  /**
   * Records one attempt for the deliveries `ids` (one, or a digest's events). A final outcome (SENT or FAILED)
   * also writes `notification.sent` / `notification.failed` in the same transaction; a retryable failure
   * (status QUEUED) only updates the rows. `error` must already be redacted.
   */
  async recordAttempt(ids: readonly string[], attempt: DeliveryAttempt, details: Record<string, unknown> = {}): Promise<void> {
    if (ids.length === 0) return;
    await this.prisma.$transaction(async (tx) => {
      await tx.notificationDelivery.updateMany({
        where: { id: { in: [...ids] } },
        data: {
          status: attempt.status,
          attempts: attempt.attempts,
          lastError: attempt.error,
          httpStatus: attempt.httpStatus,
          ...(attempt.status === 'SENT' ? { sentAt: new Date() } : {}),
        },
      });
      if (attempt.status === 'QUEUED') return;
      const first = await tx.notificationDelivery.findUniqueOrThrow({ where: { id: ids[0]! }, include: INCLUDE });
      const scope = { ...SYSTEM_SOURCE, organisationId: first.channel.environment.organisationId, environmentId: first.environmentId };
      const action = attempt.status === 'SENT' ? 'notification.sent' : 'notification.failed';
      await audit.append(
        tx,
        auditEntry(scope, action, { type: 'notification_delivery', id: first.id }, {
          channelId: first.channelId,
          channel: first.channel.name,
          kind: KIND_FROM_DB[first.channel.kind],
          eventType: first.eventType,
          dedupKey: first.dedupKey,
          deliveries: ids.length,
          attempts: attempt.attempts,
          httpStatus: attempt.httpStatus,
          error: attempt.error,
          ...details,
        }),
      );
    });
  }

  /** Deliveries of the organisation, newest first, filtered; cursor pagination by id. */
  async list(organisationId: string, filter: NotificationDeliveryFilter, page: PageRequest): Promise<Page<NotificationDeliveryRecord>> {
    const args = pageArgs(page);
    const rows = await this.prisma.notificationDelivery.findMany({
      take: args.take,
      orderBy: { id: 'desc' },
      where: {
        ...(page.cursor ? { id: { lt: page.cursor } } : {}),
        environment: { organisationId },
        ...(filter.environmentId ? { environmentId: filter.environmentId } : {}),
        ...(filter.channelId ? { channelId: filter.channelId } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.eventType ? { eventType: filter.eventType } : {}),
      },
      include: INCLUDE,
    });
    return toPage(rows, page, toRecord);
  }
}
