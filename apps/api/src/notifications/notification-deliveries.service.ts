import { Injectable } from '@nestjs/common';
import { NotificationDeliveryRepository, type NotificationDeliveryRecord, type Page } from '@toolgate/db';
import { channelTestEvent } from '@toolgate/notifications';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertCan } from '../auth/access-policy';
import { EnvironmentsService } from '../environments/environments.service';
import type { RequestContext } from '../registry/request-context';
import type { DeliveryListQuery } from './notification-channel.request';
import { type DeliveryResponse, type TestResultResponse, toDeliveryResponse } from './notification-channel.response';
import { NotificationChannelsService } from './notification-channels.service';
import { NotificationQueueService } from './notification-queue.service';

/** How long the test endpoint waits for the worker's attempt before answering QUEUED. */
export const TEST_WAIT_MS = 5000;
const POLL_MS = 100;

/** Delivery history (`GET /v1/notifications`) and channel tests, which go through the queue like any delivery. */
@Injectable()
export class NotificationDeliveriesService {
  constructor(
    private readonly deliveries: NotificationDeliveryRepository,
    private readonly environments: EnvironmentsService,
    private readonly channels: NotificationChannelsService,
    private readonly queue: NotificationQueueService,
  ) {}

  async list(ctx: RequestContext, query: DeliveryListQuery): Promise<Page<DeliveryResponse>> {
    assertCan(ctx.actor, 'notification.read');
    const environmentId = query.environment ? (await this.environments.resolve(ctx, query.environment)).id : undefined;
    const page = await this.deliveries.list(
      ctx.organisationId,
      { environmentId, channelId: query.channel, status: query.status, eventType: query.event },
      { limit: query.limit, cursor: query.cursor },
    );
    return { items: page.items.map(toDeliveryResponse), nextCursor: page.nextCursor };
  }

  /**
   * Queues a `channel.test` message for one attempt (the worker sends it, as any delivery, through the channel's
   * breaker) and waits up to TEST_WAIT_MS for that attempt; still pending then, it answers QUEUED with the
   * delivery id to look up in `GET /v1/notifications`. Audited by the delivery's notification.sent/failed entry.
   */
  async test(ctx: RequestContext, envRef: string, channelId: string): Promise<TestResultResponse> {
    assertCan(ctx.actor, 'notification-channel.manage');
    const env = await this.environments.resolve(ctx, envRef);
    const channel = await this.channels.find(ctx, env, channelId);
    const started = Date.now();
    const event = { ...channelTestEvent({ environment: { id: env.id, name: env.name } }), title: `Test message from Toolgate for channel "${channel.name}"` };
    const queued = await this.deliveries.queueUnlessDuplicate(
      { channelId: channel.id, environmentId: env.id, eventType: event.type, dedupKey: event.dedupKey, severity: 'INFO', event: event as unknown as Record<string, unknown>, digestKey: null },
      null,
    );
    await this.queue.deliverTest(queued.delivery.id);
    let current: NotificationDeliveryRecord = queued.delivery;
    while (current.status === 'QUEUED' && current.attempts === 0 && Date.now() - started < TEST_WAIT_MS) {
      await sleep(POLL_MS);
      current = (await this.deliveries.findById(current.id)) ?? current;
    }
    return {
      deliveryId: current.id,
      ok: current.status === 'SENT',
      status: current.status,
      httpStatus: current.httpStatus,
      error: current.lastError,
      durationMs: Date.now() - started,
    };
  }
}
