import { startPagerDutyPeer, type PagerDutyPeer } from '@toolgate/testing';
import { dedupKeyFor, type NotificationChannel, type NotificationEvent } from '../model';
import { conflictDetected, conflictResolved, deliverToLocalPeers as deliver } from '../spec-fixtures';
import { formatPagerDuty, pagerDutySeverity } from './pagerduty.format';

describe('PagerDuty Events API v2', () => {
  let peer: PagerDutyPeer;
  let channel: Extract<NotificationChannel, { kind: 'pagerduty' }>;
  beforeEach(async () => {
    peer = await startPagerDutyPeer();
    channel = { id: 'ch_pd', kind: 'pagerduty', settings: { eventsUrl: peer.url }, secrets: { routingKey: peer.routingKey } };
  });
  afterEach(() => peer.close());

  it('a trigger passes the v2 schema with summary, source, severity and custom details', async () => {
    const result = await deliver(channel, conflictDetected());
    expect(peer.violations).toEqual([]);
    expect(result).toMatchObject({ ok: true, httpStatus: 202, providerMessageId: 'conflict:cf_7d2a91' });
    const [event] = peer.events;
    expect(event).toMatchObject({
      event_action: 'trigger',
      dedup_key: 'conflict:cf_7d2a91',
      payload: {
        summary: '[production] HIGH conflict: search_issues (server github) vs search_issues (server linear)',
        source: 'toolgate/production',
        severity: 'error',
        class: 'conflict.detected',
        custom_details: { top_recommendation: 'Rename linear/search_issues to linear_search_issues', conflicting_tool: { name: 'search_issues', server: 'linear' } },
      },
      client_url: 'https://toolgate.example.com/v1/environments/production/conflicts/cf_7d2a91',
    });
  });

  it('repeats of the same conflict update one incident, and conflict.resolved resolves it', async () => {
    await deliver(channel, conflictDetected());
    await deliver(channel, conflictDetected({ id: 'evt_repeat', severity: 'CRITICAL' }));
    expect(peer.incidents.size).toBe(1);
    expect(peer.incidents.get('conflict:cf_7d2a91')).toMatchObject({ status: 'triggered', triggers: 2, severity: 'critical' });

    const resolved = await deliver(channel, conflictResolved());
    expect(resolved.ok).toBe(true);
    expect(peer.events[2]).toEqual({ routing_key: peer.routingKey, event_action: 'resolve', dedup_key: 'conflict:cf_7d2a91' });
    expect(peer.incidents.get('conflict:cf_7d2a91')?.status).toBe('resolved');
    expect(peer.violations).toEqual([]);
  });

  it('an approval request opens an incident that approval.decided resolves (same key)', async () => {
    const key = dedupKeyFor({ approvalRequestId: 'apr_9' });
    const base = { environment: { id: 'e', name: 'staging' }, occurredAt: '2026-11-21T10:00:00.000Z', dedupKey: key, tool: { name: 'fetch', server: 'web' } };
    await deliver(channel, { ...base, type: 'approval.requested', id: 'a1', approval: { requestId: 'apr_9' } });
    await deliver(channel, { ...base, type: 'approval.expiring', id: 'a2', approval: { requestId: 'apr_9', expiresAt: '2026-11-22T10:00:00.000Z' } });
    await deliver(channel, { ...base, type: 'approval.decided', id: 'a3', approval: { requestId: 'apr_9', decision: 'APPROVED', decidedBy: 'lee' } });
    expect(peer.events.map((e) => e.event_action)).toEqual(['trigger', 'trigger', 'resolve']);
    expect(peer.incidents.get('approval:apr_9')).toMatchObject({ status: 'resolved', triggers: 2 });
  });

  it('the dedup key depends only on the conflict, not on the event occurrence', () => {
    const a = formatPagerDuty(conflictDetected({ id: 'x1', occurredAt: '2026-01-01T00:00:00.000Z' }), 'rk');
    const b = formatPagerDuty(conflictDetected({ id: 'x2', occurredAt: '2026-02-01T00:00:00.000Z', severity: 'LOW' }), 'rk');
    expect(a.dedup_key).toBe(b.dedup_key);
    expect(a.dedup_key).toBe(dedupKeyFor({ conflictId: 'cf_7d2a91' }));
  });

  it.each([
    ['CRITICAL', 'critical'],
    ['HIGH', 'error'],
    ['MEDIUM', 'warning'],
    ['LOW', 'info'],
    ['INFO', 'info'],
  ] as const)('maps severity %s to %s', (severity, expected) => {
    expect(pagerDutySeverity(conflictDetected({ severity }))).toBe(expected);
  });

  it('defaults the severity of events without one by type', () => {
    const failed: NotificationEvent = { type: 'analysis.failed', id: 'r', environment: { id: 'e', name: 'p' }, occurredAt: '2026-11-21T10:00:00.000Z', dedupKey: 'run:1', run: { runId: 'run_1', error: 'embedding provider unavailable' } };
    expect(pagerDutySeverity(failed)).toBe('error');
  });

  it('a wrong routing key is a permanent failure that does not echo the key', async () => {
    const result = await deliver({ ...channel, secrets: { routingKey: 'WRONGKEY-should-not-leak-123' } }, conflictDetected());
    expect(result).toMatchObject({ ok: false, retryable: false, httpStatus: 400 });
    expect(result.error).not.toContain('WRONGKEY-should-not-leak-123');
  });
});
