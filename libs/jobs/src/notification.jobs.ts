import { z } from 'zod';

/**
 * Job names on the `notifications` queue.
 *
 * NEVER RENAME: live jobs depend on these names (a waiting job keeps the name it was added with).
 */
export const NOTIFICATION_JOBS = {
  /** One event: the worker finds the environment's matching channels and queues one delivery per channel. */
  event: 'notification-event',
  /** One delivery to one channel (retried with exponential backoff). */
  deliver: 'notification-deliver',
  /** The digest of a channel's LOW/MEDIUM events of one interval (a delayed job). */
  digest: 'notification-digest',
} as const;

/**
 * The events Toolgate notifies about (the names of libs/notifications' NOTIFICATION_EVENT_TYPES), each naming its subject by id only (the worker reloads it).
 * `conflict.resolved` resolves the PagerDuty incident of `conflict.detected`; `approval.decided` and
 * `approval.expired` resolve the one of `approval.requested`.
 */
export const NotificationEventPayloadSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('conflict.detected'), conflictId: z.uuid() }),
  z.object({ type: z.literal('conflict.resolved'), conflictId: z.uuid() }),
  z.object({ type: z.literal('approval.requested'), approvalId: z.uuid() }),
  z.object({ type: z.literal('approval.expiring'), approvalId: z.uuid() }),
  z.object({ type: z.literal('approval.decided'), approvalId: z.uuid() }),
  z.object({ type: z.literal('approval.expired'), approvalId: z.uuid() }),
  /** A sync found a new definition of a tool that was ACTIVE; `versionId` is the new version. */
  z.object({ type: z.literal('sync.tool_changed'), toolId: z.uuid(), versionId: z.uuid() }),
  z.object({ type: z.literal('analysis.failed'), runId: z.uuid() }),
  /**
   * A run committed its conflicts: the worker sends conflict.detected for the conflicts the run found new or
   * reopened (a re-scan that finds nothing new sends nothing), and conflict.resolved for announced conflicts now resolved.
   */
  z.object({ type: z.literal('analysis.completed'), runId: z.uuid() }),
]);
export type NotificationEventPayload = z.infer<typeof NotificationEventPayloadSchema>;
export type NotificationEventName = NotificationEventPayload['type'];

/** Every payload name, in a stable order. `analysis.completed` is a trigger, expanded into conflict events. */
export const NOTIFICATION_EVENT_NAMES = NotificationEventPayloadSchema.options.map((option) => option.shape.type.value) as NotificationEventName[];

/** Payload of `notification-deliver`: the stored delivery row (the rendered event and its channel). */
export const NotificationDeliverPayloadSchema = z.object({ deliveryId: z.uuid() });
export type NotificationDeliverPayload = z.infer<typeof NotificationDeliverPayloadSchema>;

/** Payload of `notification-digest`: the channel and the interval's key (`<channelId>-<interval start ms>`). */
export const NotificationDigestPayloadSchema = z.object({ channelId: z.uuid(), digestKey: z.string().min(1).max(100) });
export type NotificationDigestPayload = z.infer<typeof NotificationDigestPayloadSchema>;

/** The job id of a delivery: one job per delivery row, so re-queueing it is a no-op. */
export function notificationDeliverJobId(deliveryId: string): string {
  return `notification-deliver-${deliveryId}`;
}

/** The job id of a channel's digest for one interval: every event of the interval shares it. */
export function notificationDigestJobId(digestKey: string): string {
  return `notification-digest-${digestKey}`;
}

/**
 * A job id for the events the maintenance tick may notice more than once (an approval's expiry warning and its
 * expiry notice): while BullMQ keeps the finished job, queueing it again is a no-op. Undefined for the others,
 * whose repeats the delivery table's dedup window absorbs.
 */
export function notificationEventJobId(event: NotificationEventPayload): string | undefined {
  if (event.type === 'approval.expiring') return `notification-event-approval-expiring-${event.approvalId}`;
  if (event.type === 'approval.expired') return `notification-event-approval-expired-${event.approvalId}`;
  return undefined;
}

/** The part of a BullMQ `Queue` (of QUEUES.notifications) that {@link enqueueNotificationEvent} needs. */
export interface NotificationEventQueue {
  add(name: string, data: NotificationEventPayload, opts?: { jobId?: string }): Promise<unknown>;
}

/** Longest an enqueue may hold its caller: a worker's Redis client waits through an outage instead of failing. */
const ENQUEUE_TIMEOUT_MS = 2000;

/**
 * Queues a notification event on the `notifications` queue. NEVER throws and never waits more than 2 s:
 * a notification must not block or fail analysis, sync, registration or approvals, so an enqueue error is
 * handed to `onError` (log it) and dropped. Call it AFTER the change it announces has committed.
 *
 * `queue` is a BullMQ `Queue` for `QUEUES.notifications` (same REDIS_PREFIX as the worker); a
 * producer in apps/api or apps/worker owns it. Example (sync, after storing a changed version of an ACTIVE tool):
 *
 * ```ts
 * await enqueueNotificationEvent(queue, { type: 'sync.tool_changed', toolId, versionId }, (e) => logger.warn(e.message));
 * ```
 */
export async function enqueueNotificationEvent(queue: NotificationEventQueue, event: NotificationEventPayload, onError: (error: Error) => void = () => undefined): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const data = NotificationEventPayloadSchema.parse(event);
    const jobId = notificationEventJobId(data);
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`enqueueing notification ${data.type} took over ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
    });
    await Promise.race([queue.add(NOTIFICATION_JOBS.event, data, jobId ? { jobId } : {}), timeout]);
  } catch (error) {
    onError(error instanceof Error ? error : new Error(String(error)));
  } finally {
    clearTimeout(timer);
  }
}
