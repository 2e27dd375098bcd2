import { createServer } from 'node:net';
import { startPagerDutyPeer, startSlackPeer, startWebhookPeer, type PagerDutyPeer, type SlackPeer } from '@toolgate/testing';
import { parseRetryAfter } from './delivery/http.sender';
import type { NotificationChannel } from './model';
import { conflictDetected, deliverToLocalPeers as deliver } from './spec-fixtures';

describe('deliver: outcome classification', () => {
  let slack: SlackPeer;
  let channel: Extract<NotificationChannel, { kind: 'slack' }>;
  beforeEach(async () => {
    slack = await startSlackPeer();
    channel = { id: 'ch_slack', kind: 'slack', settings: {}, secrets: { webhookUrl: slack.url } };
  });
  afterEach(() => slack.close());

  it('a 500 is a retryable failure and the retry is delivered', async () => {
    slack.failNext(1, { status: 500 });
    const first = await deliver(channel, conflictDetected());
    expect(first).toMatchObject({ ok: false, status: 'failed', retryable: true, httpStatus: 500, errorCode: 'NOTIFICATION.HTTP_STATUS' });
    expect(first.retryAfterMs).toBeUndefined();
    const retry = await deliver(channel, conflictDetected());
    expect(retry).toMatchObject({ ok: true, status: 'sent' });
    expect(slack.messages).toHaveLength(1);
    expect(slack.requests.map((r) => r.status)).toEqual([500, 200]);
  });

  it('a 429 with Retry-After in seconds returns the delay', async () => {
    slack.failNext(1, { status: 429, headers: { 'retry-after': '7' }, body: 'rate_limited' });
    expect(await deliver(channel, conflictDetected())).toMatchObject({ ok: false, retryable: true, httpStatus: 429, retryAfterMs: 7000, error: 'HTTP 429: rate_limited' });
  });

  it('a 503 with Retry-After as an HTTP date returns the remaining delay', () => {
    const now = new Date('2026-11-21T10:00:00.000Z');
    expect(parseRetryAfter('Sat, 21 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sat, 21 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('999999', now)).toBe(3_600_000);
  });

  it.each([400, 403, 404, 410])('a %i is a permanent failure', async (status) => {
    slack.failNext(1, { status });
    expect(await deliver(channel, conflictDetected())).toMatchObject({ ok: false, retryable: false, httpStatus: status });
  });

  it('a timeout is retryable and does not wait for the peer', async () => {
    slack.delayNext(1, 2_000);
    const started = Date.now();
    const result = await deliver(channel, conflictDetected(), { timeoutMs: 200 });
    expect(result).toMatchObject({ ok: false, retryable: true, errorCode: 'NOTIFICATION.TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('a refused connection is retryable', async () => {
    const port = await freePort();
    const result = await deliver({ ...channel, secrets: { webhookUrl: `http://127.0.0.1:${port}/services/T/B/x` } }, conflictDetected());
    expect(result).toMatchObject({ ok: false, retryable: true, errorCode: 'NOTIFICATION.NETWORK' });
    expect(result.error).toContain('ECONNREFUSED');
  });

  it('an invalid stored channel fails permanently, naming the field', async () => {
    const result = await deliver({ ...channel, secrets: { webhookUrl: 'not a url' } }, conflictDetected());
    expect(result).toMatchObject({ ok: false, retryable: false, errorCode: 'NOTIFICATION.INVALID_CHANNEL' });
    expect(result.error).toContain('secrets.webhookUrl');
    expect(slack.requests).toHaveLength(0);
  });
});

describe('deliver: secrets never appear in error text', () => {
  let pagerduty: PagerDutyPeer;
  afterEach(() => pagerduty?.close());

  it('a peer echoing the webhook URL and its token gets them redacted', async () => {
    const slack = await startSlackPeer({ token: 'T0KENsecretXYZ987654321' });
    try {
      slack.failNext(1, { status: 400, body: `bad request to ${slack.url} (token T0KENsecretXYZ987654321)` });
      const result = await deliver({ id: 'c', kind: 'slack', settings: {}, secrets: { webhookUrl: slack.url } }, conflictDetected());
      expect(result.error).toBeDefined();
      expect(result.error).not.toContain('T0KENsecretXYZ987654321');
      expect(result.error).not.toContain(slack.url);
      expect(result.error).toContain('[redacted]');
    } finally {
      await slack.close();
    }
  });

  it('a PagerDuty error echoing the routing key gets it redacted', async () => {
    pagerduty = await startPagerDutyPeer();
    pagerduty.failNext(1, { status: 500, body: `{"status":"error","routing_key":"${pagerduty.routingKey}"}` });
    const result = await deliver({ id: 'p', kind: 'pagerduty', settings: { eventsUrl: pagerduty.url }, secrets: { routingKey: pagerduty.routingKey } }, conflictDetected());
    expect(result).toMatchObject({ ok: false, retryable: true, httpStatus: 500 });
    expect(result.error).not.toContain(pagerduty.routingKey);
  });

  it('a webhook whose signing secret is echoed back gets it redacted', async () => {
    const secret = 'whsec_echo_me_0123456789';
    const hook = await startWebhookPeer({ signingSecret: secret });
    try {
      hook.failNext(1, { status: 502, body: `upstream said: secret=${secret}` });
      const result = await deliver({ id: 'w', kind: 'webhook', settings: {}, secrets: { url: hook.url, signingSecret: secret } }, conflictDetected());
      expect(result).toMatchObject({ ok: false, retryable: true, httpStatus: 502 });
      expect(result.error).toBe('HTTP 502: upstream said: secret=[redacted]');
    } finally {
      await hook.close();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
