import { startWebhookPeer, type WebhookPeer } from '@toolgate/testing';
import type { NotificationChannel } from '../model';
import { conflictDetected, deliverToLocalPeers as deliver } from '../spec-fixtures';
import { computeWebhookSignature, formatWebhook, verifyWebhookSignature } from './webhook.format';

const SECRET = 'whsec_test_0123456789abcdef';
const NOW = new Date('2026-11-21T10:15:00.000Z');

describe('signed generic webhook', () => {
  let peer: WebhookPeer;
  let channel: Extract<NotificationChannel, { kind: 'webhook' }>;
  beforeEach(async () => {
    peer = await startWebhookPeer({ signingSecret: SECRET, path: '/hooks/toolgate/tok_9f8e7d6c5b4a' });
    channel = { id: 'ch_hook', kind: 'webhook', settings: {}, secrets: { url: peer.url, signingSecret: SECRET } };
  });
  afterEach(() => peer.close());

  it('is verified by an independent receiver, with event, event id and delivery headers', async () => {
    const result = await deliver(channel, conflictDetected(), { deliveryId: 'dlv_42' });
    expect(peer.violations).toEqual([]);
    expect(result).toMatchObject({ ok: true, httpStatus: 200, providerMessageId: 'dlv_42' });
    const [received] = peer.accepted;
    expect(received?.headers['toolgate-event']).toBe('conflict.detected');
    expect(received?.headers['toolgate-event-id']).toBe('evt_01HZX3K9Q4R8');
    expect(received?.headers['toolgate-delivery']).toBe('dlv_42');
    expect(received?.body).toMatchObject({ version: 1, type: 'conflict.detected', deliveryId: 'dlv_42', data: { dedupKey: 'conflict:cf_7d2a91' } });
    // The lib's verifier accepts what the peer accepted.
    expect(verifyWebhookSignature(received?.rawBody ?? '', received?.headers['toolgate-signature'], SECRET).ok).toBe(true);
  });

  it('a channel with the wrong signing secret is rejected by the receiver (401, permanent)', async () => {
    const result = await deliver({ ...channel, secrets: { url: peer.url, signingSecret: 'not-the-receivers-secret' } }, conflictDetected());
    expect(result).toMatchObject({ ok: false, retryable: false, httpStatus: 401 });
    expect(peer.violations).toEqual(['webhook: signature does not match']);
  });

  describe('verifyWebhookSignature', () => {
    const signed = formatWebhook(conflictDetected(), SECRET, { deliveryId: 'd1', now: NOW });
    const header = signed.headers['Toolgate-Signature'];

    it('accepts the body and header as sent', () => {
      expect(verifyWebhookSignature(signed.body, header, SECRET, { now: NOW })).toEqual({ ok: true, timestamp: NOW.getTime() / 1000 });
      expect(verifyWebhookSignature(Buffer.from(signed.body), header, SECRET, { now: new Date(NOW.getTime() + 299_000) }).ok).toBe(true);
    });

    it('rejects another secret', () => {
      expect(verifyWebhookSignature(signed.body, header, 'whsec_other_secret_000000', { now: NOW })).toEqual({ ok: false, reason: 'bad_signature' });
    });

    it('rejects a modified body', () => {
      const tampered = signed.body.replace('"severity":"HIGH"', '"severity":"LOW"');
      expect(tampered).not.toBe(signed.body);
      expect(verifyWebhookSignature(tampered, header, SECRET, { now: NOW })).toEqual({ ok: false, reason: 'bad_signature' });
    });

    it('rejects a stale (replayed) or future timestamp outside the window', () => {
      expect(verifyWebhookSignature(signed.body, header, SECRET, { now: new Date(NOW.getTime() + 301_000) })).toEqual({ ok: false, reason: 'stale_timestamp' });
      expect(verifyWebhookSignature(signed.body, header, SECRET, { now: new Date(NOW.getTime() - 301_000) })).toEqual({ ok: false, reason: 'stale_timestamp' });
      expect(verifyWebhookSignature(signed.body, header, SECRET, { now: new Date(NOW.getTime() + 3_600_000), toleranceSeconds: 7200 }).ok).toBe(true);
    });

    it('rejects a replay with a fresh timestamp but the old signature', () => {
      const fresh = Math.floor(NOW.getTime() / 1000) + 600;
      const replay = header?.replace(/t=\d+/, `t=${fresh}`);
      expect(verifyWebhookSignature(signed.body, replay, SECRET, { now: new Date(fresh * 1000) })).toEqual({ ok: false, reason: 'bad_signature' });
    });

    it('rejects missing or malformed headers', () => {
      expect(verifyWebhookSignature(signed.body, undefined, SECRET)).toEqual({ ok: false, reason: 'missing_header' });
      expect(verifyWebhookSignature(signed.body, 'v1=abc', SECRET)).toEqual({ ok: false, reason: 'malformed_header' });
      expect(verifyWebhookSignature(signed.body, 't=123', SECRET)).toEqual({ ok: false, reason: 'malformed_header' });
      expect(verifyWebhookSignature(signed.body, 'garbage', SECRET)).toEqual({ ok: false, reason: 'malformed_header' });
    });

    it('accepts any matching v1 entry (secret rotation)', () => {
      const t = Math.floor(NOW.getTime() / 1000);
      const both = `t=${t},v1=${computeWebhookSignature(signed.body, t, 'old_secret_0123456789')},v1=${computeWebhookSignature(signed.body, t, SECRET)}`;
      expect(verifyWebhookSignature(signed.body, both, SECRET, { now: NOW }).ok).toBe(true);
    });
  });
});
