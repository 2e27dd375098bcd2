import { startSlackPeer, type SlackPeer } from '@toolgate/testing';
import type { NotificationChannel, NotificationDigest } from '../model';
import { conflictDetected, deliverToLocalPeers as deliver } from '../spec-fixtures';
import { formatSlack } from './slack.format';

describe('Slack Block Kit message', () => {
  let peer: SlackPeer;
  let channel: Extract<NotificationChannel, { kind: 'slack' }>;
  beforeEach(async () => {
    peer = await startSlackPeer();
    channel = { id: 'ch_slack', kind: 'slack', settings: {}, secrets: { webhookUrl: peer.url } };
  });
  afterEach(() => peer.close());

  it('is accepted by the Block Kit checking peer and carries tool, conflicting tool, severity, recommendation and link buttons', async () => {
    const result = await deliver(channel, conflictDetected());
    expect(peer.violations).toEqual([]);
    expect(result).toMatchObject({ ok: true, status: 'sent', retryable: false, httpStatus: 200 });
    const [message] = peer.messages;
    expect(message?.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '[production] HIGH conflict: search_issues (server github) vs search_issues (server linear)', emoji: false } });
    const fields = message?.blocks[1]?.type === 'section' ? (message.blocks[1].fields ?? []).map((f) => f.text) : [];
    expect(fields).toEqual(
      expect.arrayContaining(['*Tool*\n`search_issues (server github)`', '*Conflicting tool*\n`search_issues (server linear)`', '*Severity*\nHIGH']),
    );
    const texts = JSON.stringify(message?.blocks);
    expect(texts).toContain('*Top recommendation*\\nRename linear/search_issues to linear_search_issues');
    const actions = message?.blocks.find((b) => b.type === 'actions');
    expect(actions?.type === 'actions' && actions.elements.map((e) => [e.text.text, e.url, e.style])).toEqual([
      ['Approve', 'https://toolgate.example.com/v1/approvals/apr_5521?action=approve', 'primary'],
      ['Reject', 'https://toolgate.example.com/v1/approvals/apr_5521?action=reject', 'danger'],
      ['Details', 'https://toolgate.example.com/v1/environments/production/conflicts/cf_7d2a91', undefined],
    ]);
    expect(message?.text).toContain('Top recommendation: Rename linear/search_issues');
  });

  it('escapes mrkdwn control characters coming from tool metadata (plain_text headers are not parsed by Slack)', () => {
    const message = formatSlack(conflictDetected({ tool: { name: '<!channel> & co', server: 'evil' } }));
    const mrkdwnTexts: string[] = [];
    JSON.stringify(message.blocks, (_key, value: unknown) => {
      const node = value as { type?: unknown; text?: unknown };
      if (node && node.type === 'mrkdwn' && typeof node.text === 'string') mrkdwnTexts.push(node.text);
      return value;
    });
    const json = [...mrkdwnTexts, message.text].join('\n');
    expect(mrkdwnTexts.length).toBeGreaterThan(3);
    expect(json).not.toContain('<!channel>');
    expect(json).toContain('&lt;!channel&gt; &amp; co');
  });

  it('keeps a 120-event digest within 50 blocks and still valid', async () => {
    const digest: NotificationDigest = {
      type: 'digest',
      id: 'dg_1',
      environment: { id: 'env_prod', name: 'production' },
      periodStart: '2026-11-21T10:00:00.000Z',
      periodEnd: '2026-11-21T11:00:00.000Z',
      events: Array.from({ length: 120 }, (_, i) => conflictDetected({ severity: 'LOW', dedupKey: `conflict:${i}`, tool: { name: `tool_${i}`, server: 's' } })),
      detailsUrl: 'https://toolgate.example.com/v1/environments/production/conflicts',
    };
    const result = await deliver(channel, digest);
    expect(peer.violations).toEqual([]);
    expect(result.ok).toBe(true);
    expect(peer.messages[0]?.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(peer.messages[0])).toContain('…and 74 more');
  });

  it('the peer rejects a malformed Block Kit body with 400 invalid_blocks', async () => {
    const response = await fetch(peer.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'x', blocks: [{ type: 'section' }] }) });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('invalid_blocks');
    expect(peer.violations[0]).toContain('a section needs text or fields');
  });

  it('an unknown webhook (404 no_service) is a permanent failure', async () => {
    const result = await deliver({ ...channel, secrets: { webhookUrl: peer.url.replace(/\/[^/]+$/, '/wrong-token') } }, conflictDetected());
    expect(result).toMatchObject({ ok: false, retryable: false, httpStatus: 404, errorCode: 'NOTIFICATION.HTTP_STATUS' });
  });
});
