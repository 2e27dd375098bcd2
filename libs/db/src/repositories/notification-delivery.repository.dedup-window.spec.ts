import { AuditRepository } from './audit.repository';
import { NotificationChannelRepository } from './notification-channel.repository';
import { NotificationDeliveryRepository } from './notification-delivery.repository';
import type { NotificationDeliveryWrite } from './notification.types';
import { openTestDatabase, seedEnvironment, type RepositoryTestDatabase } from './registry-fixtures.testing';

describe('notification deliveries: dedup window, escalation, open subjects, attempts and audit (real Postgres)', () => {
  let db: RepositoryTestDatabase;
  let channels: NotificationChannelRepository;
  let deliveries: NotificationDeliveryRepository;
  let audit: AuditRepository;
  beforeAll(async () => {
    db = await openTestDatabase();
    channels = new NotificationChannelRepository(db.prisma);
    deliveries = new NotificationDeliveryRepository(db.prisma);
    audit = new AuditRepository(db.prisma);
  });
  afterAll(() => db.close());

  async function channel() {
    const { organisationId, env } = await seedEnvironment(db.prisma, []);
    const write = { name: 'oncall', kind: 'slack' as const, minSeverity: 'HIGH' as const, events: [], digestMode: 'IMMEDIATE' as const, digestIntervalSeconds: 3600, settings: {}, enabled: true };
    const created = await channels.create(organisationId, env.id, write, () => ({ sealed: Buffer.from('sealed'), fields: ['webhookUrl'] }));
    return { organisationId, env, created };
  }
  const event = (channelId: string, environmentId: string, extra: Partial<NotificationDeliveryWrite> = {}): NotificationDeliveryWrite => ({
    channelId,
    environmentId,
    eventType: 'conflict.detected',
    dedupKey: 'conflict:c-1',
    severity: 'HIGH',
    event: { title: 'HIGH conflict' },
    digestKey: null,
    ...extra,
  });

  it('queues an event once per window, however many fan-outs race for it; a repeat is stored SUPPRESSED naming the first', async () => {
    const { env, created } = await channel();
    const windowStart = new Date(Date.now() - 3_600_000);
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => deliveries.queueUnlessDuplicate(event(created.id, env.id), windowStart)));
    const queued = outcomes.filter((o) => o.outcome === 'queued');
    expect(queued).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.outcome === 'duplicate')) {
      expect(o).toMatchObject({ duplicateOf: queued[0]!.delivery.id, delivery: { status: 'SUPPRESSED', lastError: expect.stringContaining(queued[0]!.delivery.id) } });
    }
    // Outside the window (it starts after the first delivery), or another subject: queued again.
    expect((await deliveries.queueUnlessDuplicate(event(created.id, env.id), new Date(Date.now() + 1000))).outcome).toBe('queued');
    expect((await deliveries.queueUnlessDuplicate(event(created.id, env.id, { dedupKey: 'conflict:c-2' }), windowStart)).outcome).toBe('queued');
  });

  it('does not count a lower severity or a failed delivery as a duplicate (escalation, retry after a failure)', async () => {
    const { env, created } = await channel();
    const medium = await deliveries.queueUnlessDuplicate(event(created.id, env.id, { severity: 'MEDIUM' }), null);
    expect(medium.outcome).toBe('queued');
    expect((await deliveries.queueUnlessDuplicate(event(created.id, env.id, { severity: 'CRITICAL' }), null)).outcome).toBe('queued');
    expect((await deliveries.queueUnlessDuplicate(event(created.id, env.id, { severity: 'HIGH' }), null)).outcome).toBe('duplicate');

    const other = await deliveries.queueUnlessDuplicate(event(created.id, env.id, { dedupKey: 'approval:a-1', eventType: 'approval.requested' }), null);
    await deliveries.recordAttempt([other.delivery.id], { status: 'FAILED', attempts: 3, error: 'NOTIFICATION.HTTP_STATUS: 404', httpStatus: 404 });
    expect((await deliveries.queueUnlessDuplicate(event(created.id, env.id, { dedupKey: 'approval:a-1', eventType: 'approval.requested' }), null)).outcome).toBe('queued');
  });

  it('knows whether a subject is open on a channel: opened, then closed, then opened again', async () => {
    const { env, created } = await channel();
    const open = () => deliveries.isOpen(created.id, 'conflict:c-9', ['conflict.detected'], ['conflict.resolved']);
    expect(await open()).toBe(false);
    await deliveries.queueUnlessDuplicate(event(created.id, env.id, { dedupKey: 'conflict:c-9' }), null);
    expect(await open()).toBe(true);
    await deliveries.queueUnlessDuplicate(event(created.id, env.id, { dedupKey: 'conflict:c-9', eventType: 'conflict.resolved', severity: null }), null);
    expect(await open()).toBe(false);
    await deliveries.queueUnlessDuplicate(event(created.id, env.id, { dedupKey: 'conflict:c-9', severity: 'CRITICAL' }), null);
    expect(await open()).toBe(true);
  });

  it('records attempts: a retryable failure keeps it QUEUED without an audit entry; the final outcome is audited once', async () => {
    const { organisationId, env, created } = await channel();
    const { delivery } = await deliveries.queueUnlessDuplicate(event(created.id, env.id, { dedupKey: 'conflict:c-5' }), null);
    await deliveries.recordAttempt([delivery.id], { status: 'QUEUED', attempts: 1, error: 'NOTIFICATION.HTTP_STATUS: HTTP 500', httpStatus: 500 });
    expect(await deliveries.findById(delivery.id)).toMatchObject({ status: 'QUEUED', attempts: 1, httpStatus: 500, sentAt: null });
    expect((await audit.list(organisationId, { action: 'notification.sent' }, { limit: 10 })).items).toHaveLength(0);
    await deliveries.recordAttempt([delivery.id], { status: 'SENT', attempts: 2, error: null, httpStatus: 200 });
    expect(await deliveries.findById(delivery.id)).toMatchObject({ status: 'SENT', attempts: 2, lastError: null, sentAt: expect.any(Date), channelName: 'oncall', channelKind: 'slack' });
    const sent = (await audit.list(organisationId, { action: 'notification.sent' }, { limit: 10 })).items;
    expect(sent).toEqual([expect.objectContaining({ resource: { type: 'notification_delivery', id: delivery.id }, details: expect.objectContaining({ attempts: 2, eventType: 'conflict.detected' }) })]);
    // The channel's creation was audited without its sealed secrets, only their names.
    const [createdEntry] = (await audit.list(organisationId, { action: 'notification_channel.created' }, { limit: 10 })).items;
    expect(createdEntry!.details).toMatchObject({ name: 'oncall', secretFields: ['webhookUrl'] });
    expect(JSON.stringify(createdEntry!.details)).not.toContain('sealed');
    expect(await audit.verify(organisationId)).toMatchObject({ ok: true });
    // Listing: newest first, filtered, scoped to the organisation.
    const page = await deliveries.list(organisationId, { environmentId: env.id, status: 'SENT' }, { limit: 10 });
    expect(page.items.map((d) => d.id)).toEqual([delivery.id]);
    expect((await deliveries.list('00000000-0000-7000-8000-000000000000', {}, { limit: 10 })).items).toEqual([]);
  });
});
