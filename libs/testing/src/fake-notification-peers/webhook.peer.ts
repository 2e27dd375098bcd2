import { createHmac, timingSafeEqual } from 'node:crypto';
import { startHttpPeer, type HttpPeer, type PeerRequest } from './http-peer';

export interface WebhookPeer extends HttpPeer {
  /** Requests whose signature verified (200), in order, with the parsed body. */
  accepted: Array<{ headers: PeerRequest['headers']; rawBody: string; body: unknown }>;
}

export interface WebhookPeerOptions {
  signingSecret: string;
  /** Accepted clock difference for the signature timestamp. Default 300 s. */
  toleranceSeconds?: number;
  /** Path of the receiver (may carry a token, as real receivers often do). Default `/hooks/toolgate`. */
  path?: string;
}

/**
 * A webhook receiver that verifies `Toolgate-Signature: t=<unix>,v1=<hex hmac-sha256 of "t.body">` the
 * way docs/notifications.md tells receivers to, written independently of the lib's own verifier so a
 * change to one is caught by the other. 401 with the reason in `violations` when it does not verify.
 */
export async function startWebhookPeer(options: WebhookPeerOptions): Promise<WebhookPeer> {
  const tolerance = options.toleranceSeconds ?? 300;
  const accepted: WebhookPeer['accepted'] = [];
  const peer = await startHttpPeer(options.path ?? '/hooks/toolgate', (request: Omit<PeerRequest, 'status'>) => {
    const reject = (why: string) => ({ status: 401, body: why, violation: `webhook: ${why}` });
    const header = request.headers['toolgate-signature'];
    if (typeof header !== 'string') return reject('missing Toolgate-Signature');
    const parts = new Map<string, string[]>();
    for (const part of header.split(',')) {
      const [key, value] = part.split('=', 2);
      if (!key || value === undefined) return reject('malformed Toolgate-Signature');
      parts.set(key.trim(), [...(parts.get(key.trim()) ?? []), value.trim()]);
    }
    const t = Number(parts.get('t')?.[0]);
    if (!Number.isInteger(t)) return reject('signature has no timestamp');
    if (Math.abs(Date.now() / 1000 - t) > tolerance) return reject('signature timestamp outside the tolerance');
    const expected = createHmac('sha256', options.signingSecret).update(`${t}.${request.rawBody}`).digest();
    const ok = (parts.get('v1') ?? []).some((hex) => {
      const given = Buffer.from(hex, 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    if (!ok) return reject('signature does not match');
    for (const name of ['toolgate-event', 'toolgate-event-id', 'toolgate-delivery']) {
      if (typeof request.headers[name] !== 'string') return { status: 400, body: `missing ${name}`, violation: `webhook: missing ${name} header` };
    }
    accepted.push({ headers: request.headers, rawBody: request.rawBody, body: request.body });
    return { status: 200, body: 'ok' };
  });
  return Object.assign(peer, { accepted });
}
