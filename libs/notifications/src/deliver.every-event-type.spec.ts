import { startPagerDutyPeer, startSlackPeer, startSmtpPeer, startWebhookPeer, type PagerDutyPeer, type SlackPeer, type SmtpPeer, type WebhookPeer } from '@toolgate/testing';
import { NOTIFICATION_EVENT_TYPES, RESOLVING_EVENT_TYPES, type NotificationChannel, type NotificationDigest, type NotificationEvent, type NotificationEventType } from './model';
import { conflictDetected, deliverToLocalPeers as deliver } from './spec-fixtures';
import { channelTestEvent } from './test-event';

const SECRET = 'whsec_every_type_0123456789';

function eventOf(type: NotificationEventType): NotificationEvent {
  const base = conflictDetected({ type, id: `evt_${type}` });
  switch (type) {
    case 'approval.decided':
      return { ...base, dedupKey: 'approval:apr_5521', approval: { requestId: 'apr_5521', decision: 'REJECTED', decidedBy: 'sam', reason: 'duplicate of github/search_issues' } };
    case 'sync.tool_changed':
      return { ...base, severity: undefined, otherTool: undefined, conflict: undefined, dedupKey: 'sync:tool_gh_search:9f1c', sync: { changes: ['description changed', 'inputSchema: property `repo` became required'] } };
    case 'analysis.failed':
      return { ...base, severity: undefined, tool: undefined, otherTool: undefined, conflict: undefined, recommendation: undefined, approval: undefined, links: undefined, dedupKey: 'run:run_77', run: { runId: 'run_77', error: 'embedding provider unavailable after 3 attempts' } };
    case 'channel.test':
      return channelTestEvent({ environment: base.environment, now: new Date('2026-11-21T10:00:00.000Z') });
    default:
      return base;
  }
}

describe('every event type and a digest reach every kind of channel in a valid shape', () => {
  let slack: SlackPeer;
  let pagerduty: PagerDutyPeer;
  let hook: WebhookPeer;
  let smtp: SmtpPeer;
  let channels: NotificationChannel[];
  beforeAll(async () => {
    [slack, pagerduty, hook, smtp] = await Promise.all([startSlackPeer(), startPagerDutyPeer(), startWebhookPeer({ signingSecret: SECRET }), startSmtpPeer()]);
    channels = [
      { id: 's', kind: 'slack', settings: {}, secrets: { webhookUrl: slack.url } },
      { id: 'p', kind: 'pagerduty', settings: { eventsUrl: pagerduty.url }, secrets: { routingKey: pagerduty.routingKey } },
      { id: 'w', kind: 'webhook', settings: {}, secrets: { url: hook.url, signingSecret: SECRET } },
      { id: 'e', kind: 'email', settings: { host: smtp.host, port: smtp.port, secure: false, from: 'toolgate@example.com', to: ['a@example.com'] }, secrets: {} },
    ];
  });
  afterAll(() => Promise.all([slack.close(), pagerduty.close(), hook.close(), smtp.close()]));

  it.each(NOTIFICATION_EVENT_TYPES)('%s', async (type) => {
    const event = eventOf(type);
    for (const channel of channels) {
      const result = await deliver(channel, event);
      expect({ kind: channel.kind, ok: result.ok, error: result.error }).toEqual({ kind: channel.kind, ok: true, error: undefined });
    }
    expect([...slack.violations, ...pagerduty.violations, ...hook.violations]).toEqual([]);
    expect(pagerduty.events.at(-1)?.event_action).toBe(RESOLVING_EVENT_TYPES.has(type) ? 'resolve' : 'trigger');
    expect(smtp.mails.at(-1)?.html).toBeDefined();
    expect(smtp.mails.at(-1)?.text).toBeDefined();
  });

  it('a digest of LOW/MEDIUM events', async () => {
    const digest: NotificationDigest = {
      type: 'digest',
      id: 'dg_7',
      environment: { id: 'env_prod', name: 'production' },
      periodStart: '2026-11-21T10:00:00.000Z',
      periodEnd: '2026-11-21T11:00:00.000Z',
      events: [conflictDetected({ severity: 'LOW', id: 'a' }), conflictDetected({ severity: 'MEDIUM', id: 'b', dedupKey: 'conflict:other' })],
      detailsUrl: 'https://toolgate.example.com/v1/environments/production/conflicts',
    };
    for (const channel of channels) expect((await deliver(channel, digest)).ok).toBe(true);
    expect([...slack.violations, ...pagerduty.violations, ...hook.violations]).toEqual([]);
    expect(pagerduty.events.at(-1)).toMatchObject({ event_action: 'trigger', dedup_key: 'digest:env_prod:2026-11-21T10:00:00.000Z', payload: { severity: 'warning' } });
    expect(hook.accepted.at(-1)?.headers['toolgate-event']).toBe('digest');
    expect(smtp.mails.at(-1)?.subject).toBe('[production] Toolgate digest: 2 events');
    expect(smtp.mails.at(-1)?.text).toContain('* [production] MEDIUM conflict: search_issues (server github) vs search_issues (server linear)');
  });

  it('the PagerDuty peer rejects a trigger without payload.summary', async () => {
    const response = await fetch(pagerduty.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ routing_key: pagerduty.routingKey, event_action: 'trigger', payload: { source: 's', severity: 'info' } }),
    });
    expect(response.status).toBe(400);
    expect(pagerduty.violations.pop()).toContain('payload.summary');
  });
});
