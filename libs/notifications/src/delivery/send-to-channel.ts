import { formatEmail } from '../format/email.format';
import { formatPagerDuty, PAGERDUTY_EVENTS_URL } from '../format/pagerduty.format';
import { formatSlack } from '../format/slack.format';
import { formatWebhook } from '../format/webhook.format';
import { guardedFetch, type OutboundUrlPolicy } from '@toolgate/net';
import type { DeliveryResult, NotificationChannel, NotificationMessage } from '../model';
import { sendEmail } from './email.sender';
import { postHttp } from './http.sender';

export interface ResolvedDeliverOptions {
  deliveryId: string;
  timeoutMs: number;
  now: () => Date;
  urlPolicy: OutboundUrlPolicy;
}

const JSON_HEADERS = { 'content-type': 'application/json', 'user-agent': 'Toolgate-Notifications/1' };

/** Formats for the channel's kind and sends once. Error texts are not yet redacted (deliver does it). */
export async function sendToChannel(channel: NotificationChannel, message: NotificationMessage, options: ResolvedDeliverOptions): Promise<DeliveryResult> {
  // Every HTTP request is checked against the policy (its own DNS answer) and redirects are not followed.
  const fetchFn = guardedFetch(options.urlPolicy);
  switch (channel.kind) {
    case 'slack': {
      const { responseText: _, ...result } = await postHttp({ url: channel.secrets.webhookUrl, body: JSON.stringify(formatSlack(message)), headers: JSON_HEADERS, timeoutMs: options.timeoutMs, fetch: fetchFn });
      return result;
    }
    case 'pagerduty': {
      const event = formatPagerDuty(message, channel.secrets.routingKey);
      const { responseText, ...result } = await postHttp({
        url: channel.settings.eventsUrl ?? PAGERDUTY_EVENTS_URL,
        body: JSON.stringify(event),
        headers: JSON_HEADERS,
        timeoutMs: options.timeoutMs,
        fetch: fetchFn,
      });
      // PagerDuty answers 202 {"status":"success","dedup_key":"..."}: the key identifies the incident.
      return result.ok ? { ...result, providerMessageId: dedupKeyOf(responseText) ?? event.dedup_key } : result;
    }
    case 'webhook': {
      const signed = formatWebhook(message, channel.secrets.signingSecret, { deliveryId: options.deliveryId, now: options.now() });
      const { responseText: _, ...result } = await postHttp({ url: channel.secrets.url, body: signed.body, headers: signed.headers, timeoutMs: options.timeoutMs, fetch: fetchFn });
      return result.ok ? { ...result, providerMessageId: options.deliveryId } : result;
    }
    case 'email':
      return sendEmail(channel.settings, channel.secrets, formatEmail(message), {
        timeoutMs: options.timeoutMs,
        urlPolicy: options.urlPolicy,
        headers: { 'X-Toolgate-Event': message.type, 'X-Toolgate-Event-Id': message.id, 'X-Toolgate-Delivery': options.deliveryId },
      });
  }
}

function dedupKeyOf(text: string | undefined): string | undefined {
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as { dedup_key?: unknown };
    return typeof parsed.dedup_key === 'string' ? parsed.dedup_key : undefined;
  } catch {
    return undefined;
  }
}
