import { assertOutboundHostAllowed, assertOutboundUrlAllowed, DEFAULT_OUTBOUND_URL_POLICY, isOutboundUrlError, type OutboundErrorCode, type OutboundUrlPolicy } from '@toolgate/net';
import { PAGERDUTY_EVENTS_URL } from './format/pagerduty.format';
import type { ChannelKind, NotificationChannel } from './model';

/** The settings named in refusals (the policy's own settingNames win when it has them). */
const NOTIFY_SETTINGS = { allowlist: 'NOTIFY_URL_ALLOWLIST', allowPrivateNetworks: 'NOTIFY_ALLOW_PRIVATE_NETWORKS' };

/** The outbound policy of notification channels from config (NOTIFY_URL_ALLOWLIST, NOTIFY_ALLOW_PRIVATE_NETWORKS). */
export function notificationUrlPolicy(allowlist: readonly string[] = [], allowPrivateNetworks = false): OutboundUrlPolicy {
  return { allowlist, allowPrivateNetworks, settingNames: NOTIFY_SETTINGS };
}

/** `policy` with the NOTIFY_* settings named in its refusals unless it names its own. */
export function withNotifyNames(policy: OutboundUrlPolicy = DEFAULT_OUTBOUND_URL_POLICY): OutboundUrlPolicy {
  return { settingNames: NOTIFY_SETTINGS, ...policy };
}

/** Where a channel sends: a URL (Slack, webhook, PagerDuty) or an SMTP host and port, and the config field that sets it. */
export type ChannelDestination = { field: string; url: string } | { field: string; host: string; port: number };

export interface DestinationRefusal {
  /** Dotted path from the channel config root: `secrets.webhookUrl`, `secrets.url`, `settings.eventsUrl`, `settings.host`. */
  field: string;
  code: OutboundErrorCode;
  /** The guard's reason: host, resolved address and range, and the settings to change; never a URL's path or query. */
  message: string;
}

/**
 * The destinations of a channel config (as validated by parseChannelConfig). `includeDefaults`: also the
 * PagerDuty default endpoint when no eventsUrl is set (the worker checks it at send time; the API checks
 * only what the user wrote).
 */
export function channelDestinations(kind: ChannelKind, settings: object, secrets: object | undefined, includeDefaults = false): ChannelDestination[] {
  const s = settings as Record<string, unknown>;
  const k = (secrets ?? {}) as Record<string, unknown>;
  const text = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
  switch (kind) {
    case 'slack':
      return text(k['webhookUrl']) ? [{ field: 'secrets.webhookUrl', url: k['webhookUrl'] }] : [];
    case 'webhook':
      return text(k['url']) ? [{ field: 'secrets.url', url: k['url'] }] : [];
    case 'pagerduty':
      if (text(s['eventsUrl'])) return [{ field: 'settings.eventsUrl', url: s['eventsUrl'] }];
      return includeDefaults ? [{ field: 'settings.eventsUrl', url: PAGERDUTY_EVENTS_URL }] : [];
    case 'email':
      return text(s['host']) && typeof s['port'] === 'number' ? [{ field: 'settings.host', host: s['host'], port: s['port'] }] : [];
  }
}

/**
 * Checks every destination against the outbound policy (DNS resolved now). Returns the refusals, each naming
 * its field; an empty list means every destination is allowed. Other errors are rethrown.
 */
export async function checkChannelDestinations(destinations: readonly ChannelDestination[], policy: OutboundUrlPolicy = DEFAULT_OUTBOUND_URL_POLICY): Promise<DestinationRefusal[]> {
  const named = withNotifyNames(policy);
  const refusals: DestinationRefusal[] = [];
  for (const destination of destinations) {
    try {
      if ('url' in destination) await assertOutboundUrlAllowed(destination.url, named);
      else await assertOutboundHostAllowed(destination.host, destination.port, named);
    } catch (error) {
      if (!isOutboundUrlError(error)) throw error;
      refusals.push({ field: destination.field, code: error.code, message: error.message });
    }
  }
  return refusals;
}

/** The destinations of an opened channel, the default PagerDuty endpoint included (what the worker will contact). */
export function destinationsOf(channel: NotificationChannel): ChannelDestination[] {
  return channelDestinations(channel.kind, channel.settings, channel.secrets, true);
}
