import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NotificationMessage } from '../model';

export const WEBHOOK_SIGNATURE_HEADER = 'Toolgate-Signature';
export const WEBHOOK_EVENT_HEADER = 'Toolgate-Event';
export const WEBHOOK_EVENT_ID_HEADER = 'Toolgate-Event-Id';
export const WEBHOOK_DELIVERY_HEADER = 'Toolgate-Delivery';

/** The JSON body of a generic webhook: a small envelope around the event (or digest) as the lib models it. */
export interface WebhookBody {
  /** Envelope version; bumped only on incompatible changes. */
  version: 1;
  /** Event id (same as `Toolgate-Event-Id`). */
  id: string;
  /** Event type or `digest` (same as `Toolgate-Event`). */
  type: string;
  /** Delivery id (same as `Toolgate-Delivery`): constant across retries of one delivery, for receivers to dedupe. */
  deliveryId: string;
  /** ISO-8601 instant the body was signed. */
  sentAt: string;
  data: NotificationMessage;
}

export interface SignedWebhookRequest {
  /** The exact bytes to POST; the signature covers them. */
  body: string;
  headers: Record<string, string>;
}

/** HMAC-SHA256 hex of `${timestamp}.${body}` with the channel's signing secret. */
export function computeWebhookSignature(body: string | Buffer, timestamp: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body).digest('hex');
}

/**
 * Builds a signed webhook request. Header `Toolgate-Signature: t=<unix seconds>,v1=<hex>` where the
 * HMAC covers the timestamp and the raw body, so a replayed body with a new timestamp fails.
 */
export function formatWebhook(message: NotificationMessage, secret: string, options: { deliveryId: string; now: Date }): SignedWebhookRequest {
  const timestamp = Math.floor(options.now.getTime() / 1000);
  const envelope: WebhookBody = { version: 1, id: message.id, type: message.type, deliveryId: options.deliveryId, sentAt: options.now.toISOString(), data: message };
  const body = JSON.stringify(envelope);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Toolgate-Notifications/1',
      [WEBHOOK_EVENT_HEADER]: message.type,
      [WEBHOOK_EVENT_ID_HEADER]: message.id,
      [WEBHOOK_DELIVERY_HEADER]: options.deliveryId,
      [WEBHOOK_SIGNATURE_HEADER]: `t=${timestamp},v1=${computeWebhookSignature(body, timestamp, secret)}`,
    },
  };
}

export type WebhookVerification =
  | { ok: true; timestamp: number }
  | { ok: false; reason: 'missing_header' | 'malformed_header' | 'stale_timestamp' | 'bad_signature' };

export interface VerifyWebhookOptions {
  /** Largest accepted difference between the signature's timestamp and now, either way. Default 300 s. */
  toleranceSeconds?: number;
  now?: Date;
}

/**
 * For receivers: checks a `Toolgate-Signature` header against the raw request body (the bytes as
 * received, before any JSON parsing). Constant-time comparison; rejects timestamps outside the
 * tolerance window so a captured request cannot be replayed later. Several `v1=` entries are
 * accepted (any one matching), which leaves room for signing-secret rotation.
 */
export function verifyWebhookSignature(
  body: string | Buffer,
  headerValue: string | string[] | undefined | null,
  secret: string,
  options: VerifyWebhookOptions = {},
): WebhookVerification {
  // Node gives a repeated header as an array: treat it as one list of entries.
  const header = Array.isArray(headerValue) ? headerValue.join(',') : headerValue;
  if (!header) return { ok: false, reason: 'missing_header' };
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return { ok: false, reason: 'malformed_header' };
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value)) return { ok: false, reason: 'malformed_header' };
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/i.test(value)) return { ok: false, reason: 'malformed_header' };
      signatures.push(value.toLowerCase());
    }
  }
  if (timestamp === undefined || signatures.length === 0) return { ok: false, reason: 'malformed_header' };
  const tolerance = options.toleranceSeconds ?? 300;
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - timestamp) > tolerance) return { ok: false, reason: 'stale_timestamp' };
  const expected = Buffer.from(computeWebhookSignature(body, timestamp, secret), 'hex');
  const matched = signatures.some((signature) => {
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matched ? { ok: true, timestamp } : { ok: false, reason: 'bad_signature' };
}
