import type { OutboundUrlPolicy } from '@toolgate/net';
import { startSlackPeer, startSmtpPeer, startWebhookPeer, type SlackPeer, type SmtpPeer, type WebhookPeer } from '@toolgate/testing';
import { channelDestinations, checkChannelDestinations } from './channel-destinations';
import { deliver } from './deliver';
import type { NotificationChannel } from './model';
import { conflictDetected } from './spec-fixtures';

const policy = (allowlist: string[], allowPrivateNetworks = false, dns: Record<string, string[]> = {}): OutboundUrlPolicy => ({
  allowlist,
  allowPrivateNetworks,
  lookup: async (host) => {
    if (!dns[host]) throw new Error(`ENOTFOUND ${host}`);
    return dns[host].map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  },
});

describe('outbound policy of notification channels', () => {
  let slack: SlackPeer;
  let webhook: WebhookPeer;
  let smtp: SmtpPeer;
  const signingSecret = 'whsec-policy-0123456789';
  beforeAll(async () => {
    [slack, webhook, smtp] = await Promise.all([startSlackPeer({ token: 'policyToken0123456789' }), startWebhookPeer({ signingSecret }), startSmtpPeer()]);
  });
  afterAll(() => Promise.all([slack.close(), webhook.close(), smtp.close()]));

  const slackChannel = (): NotificationChannel => ({ id: 'ch_slack', kind: 'slack', settings: {}, secrets: { webhookUrl: slack.url } });

  it('by default refuses a loopback Slack URL permanently, before any request, without echoing the token', async () => {
    const result = await deliver(slackChannel(), conflictDetected());
    expect(result).toMatchObject({ ok: false, retryable: false, errorCode: 'NOTIFICATION.DESTINATION_NOT_ALLOWED' });
    expect(result.error).toMatch(/^secrets\.webhookUrl: 127\.0\.0\.1 resolves to 127\.0\.0\.1 \(loopback\), a refused address range; allow it with NOTIFY_ALLOW_PRIVATE_NETWORKS/);
    expect(result.error).not.toContain('policyToken0123456789');
    expect(slack.requests).toHaveLength(0);
  });

  it('refuses the cloud metadata address and RFC 1918 addresses for webhooks, PagerDuty and SMTP alike', async () => {
    const channels: NotificationChannel[] = [
      { id: 'w', kind: 'webhook', settings: {}, secrets: { url: 'http://169.254.169.254/latest/meta-data/', signingSecret } },
      { id: 'p', kind: 'pagerduty', settings: { eventsUrl: 'http://10.0.0.1/v2/enqueue' }, secrets: { routingKey: 'rk-0123456789' } },
      { id: 'm', kind: 'email', settings: { host: '10.0.0.1', port: 25, secure: false, from: 'a@example.com', to: ['b@example.com'] }, secrets: {} },
    ];
    const results = await Promise.all(channels.map((channel) => deliver(channel, conflictDetected(), { urlPolicy: policy([]) })));
    expect(results.map((r) => [r.errorCode, r.retryable, r.error?.split(':')[0]])).toEqual([
      ['NOTIFICATION.DESTINATION_NOT_ALLOWED', false, 'secrets.url'],
      ['NOTIFICATION.DESTINATION_NOT_ALLOWED', false, 'settings.eventsUrl'],
      ['NOTIFICATION.DESTINATION_NOT_ALLOWED', false, 'settings.host'],
    ]);
    expect(results[0]!.error).toContain('169.254.169.254 (linkLocal)');
    // Refused before connecting: no 10 s connect timeout to an unroutable address.
    for (const result of results) expect(result.durationMs).toBe(0);
  });

  it('an exact allowlist entry (or NOTIFY_ALLOW_PRIVATE_NETWORKS) lets a private peer through; a wildcard does not', async () => {
    expect(await deliver(slackChannel(), conflictDetected(), { urlPolicy: policy(['127.0.0.1']) })).toMatchObject({ ok: true });
    expect(await deliver(slackChannel(), conflictDetected(), { urlPolicy: policy([], true) })).toMatchObject({ ok: true });
    const other = await deliver(slackChannel(), conflictDetected(), { urlPolicy: policy(['hooks.slack.com']) });
    expect(other).toMatchObject({ ok: false, retryable: false, errorCode: 'NOTIFICATION.DESTINATION_NOT_ALLOWED' });
    expect(other.error).toMatch(/is not in NOTIFY_URL_ALLOWLIST/);
    expect(slack.requests).toHaveLength(2);
  });

  it('does not follow a webhook receiver redirect into the metadata range: the 3xx is a permanent failure', async () => {
    webhook.failNext(1, { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/iam/' } });
    const channel: NotificationChannel = { id: 'w2', kind: 'webhook', settings: {}, secrets: { url: webhook.url, signingSecret } };
    const result = await deliver(channel, conflictDetected(), { urlPolicy: policy(['127.0.0.1']) });
    expect(result).toMatchObject({ ok: false, retryable: false, httpStatus: 302 });
    expect(webhook.requests).toHaveLength(1);
  });

  it('connects to the SMTP address it checked, not to a second answer for the name', async () => {
    // `mail.toolgate.test` exists only in the policy's DNS table: the mail arrives because nodemailer is given 127.0.0.1.
    const channel: NotificationChannel = { id: 'm2', kind: 'email', settings: { host: 'mail.toolgate.test', port: smtp.port, secure: false, from: 'a@example.com', to: ['b@example.com'] }, secrets: {} };
    expect(await deliver(channel, conflictDetected(), { urlPolicy: policy(['mail.toolgate.test'], false, { 'mail.toolgate.test': ['127.0.0.1'] }) })).toMatchObject({ ok: true });
    expect(smtp.mails).toHaveLength(1);
    const refused = await deliver(channel, conflictDetected(), { urlPolicy: policy([], false, { 'mail.toolgate.test': ['127.0.0.1'] }) });
    expect(refused).toMatchObject({ ok: false, retryable: false, errorCode: 'NOTIFICATION.DESTINATION_NOT_ALLOWED' });
    expect(smtp.mails).toHaveLength(1);
  });

  it('a name that does not resolve is retryable, not refused', async () => {
    const channel: NotificationChannel = { id: 'm3', kind: 'email', settings: { host: 'gone.toolgate.test', port: 25, secure: false, from: 'a@example.com', to: ['b@example.com'] }, secrets: {} };
    expect(await deliver(channel, conflictDetected(), { urlPolicy: policy([]) })).toMatchObject({ ok: false, retryable: true, errorCode: 'NOTIFICATION.SMTP' });
  });

  it('checkChannelDestinations names each refused field; the API checks only what was written (no default PagerDuty URL)', async () => {
    expect(channelDestinations('pagerduty', {}, { routingKey: 'k' })).toEqual([]);
    expect(channelDestinations('pagerduty', {}, { routingKey: 'k' }, true)).toEqual([{ field: 'settings.eventsUrl', url: 'https://events.pagerduty.com/v2/enqueue' }]);
    const refusals = await checkChannelDestinations(
      [...channelDestinations('slack', {}, { webhookUrl: 'https://10.1.2.3/services/T/B/tok-SECRET-123' }), ...channelDestinations('email', { host: 'localhost', port: 587 }, {})],
      policy([], false, { localhost: ['127.0.0.1'] }),
    );
    expect(refusals).toEqual([
      { field: 'secrets.webhookUrl', code: 'URL_NOT_ALLOWED', message: expect.stringContaining('10.1.2.3 (private)') },
      { field: 'settings.host', code: 'URL_NOT_ALLOWED', message: expect.stringContaining('127.0.0.1 (loopback)') },
    ]);
    expect(JSON.stringify(refusals)).not.toContain('SECRET');
  });
});
