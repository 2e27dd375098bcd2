import { enqueueNotificationEvent, NOTIFICATION_JOBS, notificationEventJobId, type NotificationEventQueue } from './notification.jobs';

const approvalId = '01a1fdde-f63f-751b-81d8-bcf818bdbcbd';

describe('enqueueNotificationEvent: a notification never fails or holds up its producer', () => {
  it('adds the event job, with a fixed job id only for the events the maintenance tick repeats', async () => {
    const added: Array<{ name: string; data: unknown; opts: unknown }> = [];
    const queue: NotificationEventQueue = { add: async (name, data, opts) => added.push({ name, data, opts }) };
    await enqueueNotificationEvent(queue, { type: 'approval.requested', approvalId });
    await enqueueNotificationEvent(queue, { type: 'approval.expiring', approvalId });
    expect(added).toEqual([
      { name: NOTIFICATION_JOBS.event, data: { type: 'approval.requested', approvalId }, opts: {} },
      { name: NOTIFICATION_JOBS.event, data: { type: 'approval.expiring', approvalId }, opts: { jobId: `notification-event-approval-expiring-${approvalId}` } },
    ]);
    expect(notificationEventJobId({ type: 'approval.expired', approvalId })).toBe(`notification-event-approval-expired-${approvalId}`);
    expect(notificationEventJobId({ type: 'analysis.failed', runId: approvalId })).toBeUndefined();
  });

  it('hands a refused enqueue or an invalid payload to onError instead of throwing', async () => {
    const errors: string[] = [];
    const refusing: NotificationEventQueue = { add: () => Promise.reject(new Error('Stream isn\'t writeable and enableOfflineQueue options is false')) };
    await expect(enqueueNotificationEvent(refusing, { type: 'conflict.resolved', conflictId: approvalId }, (e) => errors.push(e.message))).resolves.toBeUndefined();
    await enqueueNotificationEvent(refusing, { type: 'conflict.resolved', conflictId: 'not-a-uuid' }, (e) => errors.push(e.message));
    expect(errors[0]).toMatch(/enableOfflineQueue/);
    expect(errors[1]).toMatch(/conflictId/);
  });

  it('gives up after 2 s when Redis does not answer (a worker client waits through an outage)', async () => {
    const hanging: NotificationEventQueue = { add: () => new Promise(() => undefined) };
    const errors: string[] = [];
    const started = Date.now();
    await enqueueNotificationEvent(hanging, { type: 'analysis.completed', runId: approvalId }, (e) => errors.push(e.message));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(errors).toEqual([expect.stringContaining('took over 2000 ms')]);
  });
});
