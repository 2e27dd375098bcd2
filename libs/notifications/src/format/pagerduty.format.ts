import type { Severity } from '@toolgate/pipeline';
import { isDigest, RESOLVING_EVENT_TYPES, type NotificationDigest, type NotificationEvent, type NotificationMessage } from '../model';
import { describeEvent, digestHeadline, headlineOf, truncate } from './describe-event';

export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';

export type PagerDutySeverity = 'critical' | 'error' | 'warning' | 'info';

/** An Events API v2 event (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/). */
export type PagerDutyEvent =
  | {
      routing_key: string;
      event_action: 'trigger';
      dedup_key: string;
      payload: {
        summary: string;
        source: string;
        severity: PagerDutySeverity;
        timestamp?: string;
        component?: string;
        group?: string;
        class?: string;
        custom_details?: Record<string, unknown>;
      };
      client?: string;
      client_url?: string;
      links?: Array<{ href: string; text: string }>;
    }
  | { routing_key: string; event_action: 'resolve' | 'acknowledge'; dedup_key: string };

const SEVERITY_MAP: Record<Severity, PagerDutySeverity> = { CRITICAL: 'critical', HIGH: 'error', MEDIUM: 'warning', LOW: 'info', INFO: 'info' };

/** PagerDuty severity of an event: the conflict's own, else a default per event type. */
export function pagerDutySeverity(event: NotificationEvent): PagerDutySeverity {
  if (event.severity) return SEVERITY_MAP[event.severity];
  switch (event.type) {
    case 'analysis.failed':
      return 'error';
    case 'approval.requested':
    case 'approval.expiring':
    case 'sync.tool_changed':
      return 'warning';
    default:
      return 'info';
  }
}

/**
 * Builds the Events API v2 event. The dedup_key is the event's `dedupKey` (stable per conflict or
 * approval request), so a repeat updates the open incident; conflict.resolved, approval.decided and
 * approval.expired become `resolve` events on that same key.
 */
export function formatPagerDuty(message: NotificationMessage, routingKey: string): PagerDutyEvent {
  if (isDigest(message)) return formatPagerDutyDigest(message, routingKey);
  const event = message;
  if (RESOLVING_EVENT_TYPES.has(event.type)) return { routing_key: routingKey, event_action: 'resolve', dedup_key: truncate(event.dedupKey, 255) };
  const d = describeEvent(event);
  const links = (['approve', 'reject', 'details'] as const).flatMap((key) => {
    const href = d.links[key];
    return href ? [{ href, text: key === 'details' ? 'Details' : key === 'approve' ? 'Approve' : 'Reject' }] : [];
  });
  const custom: Record<string, unknown> = { environment: event.environment.name, event: event.type };
  if (event.tool) custom['tool'] = event.tool;
  if (event.otherTool) custom['conflicting_tool'] = event.otherTool;
  if (event.conflict) custom['conflict'] = event.conflict;
  if (event.recommendation) custom['top_recommendation'] = event.recommendation.title;
  if (event.approval) custom['approval'] = event.approval;
  if (event.sync) custom['changes'] = event.sync.changes;
  if (event.run) custom['run'] = event.run;
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: truncate(event.dedupKey, 255),
    payload: {
      // The PagerDuty limit is 1024 characters.
      summary: truncate(headlineOf(event), 1024),
      source: `toolgate/${event.environment.name}`,
      severity: pagerDutySeverity(event),
      timestamp: event.occurredAt,
      ...(event.tool ? { component: `${event.tool.server}/${event.tool.name}` } : {}),
      group: event.environment.name,
      class: event.type,
      custom_details: custom,
    },
    client: 'Toolgate',
    ...(d.links.details ? { client_url: d.links.details } : {}),
    ...(links.length > 0 ? { links } : {}),
  };
}

function formatPagerDutyDigest(digest: NotificationDigest, routingKey: string): PagerDutyEvent {
  const worst = digest.events.some((e) => e.severity === 'MEDIUM') ? 'warning' : 'info';
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    // One incident per digest: digests are not updated later.
    dedup_key: truncate(`digest:${digest.environment.id}:${digest.periodStart}`, 255),
    payload: {
      summary: truncate(digestHeadline(digest), 1024),
      source: `toolgate/${digest.environment.name}`,
      severity: worst,
      timestamp: digest.periodEnd,
      group: digest.environment.name,
      class: 'digest',
      custom_details: { events: digest.events.slice(0, 50).map((e) => ({ event: e.type, summary: headlineOf(e), severity: e.severity })), total: digest.events.length },
    },
    client: 'Toolgate',
    ...(digest.detailsUrl ? { client_url: digest.detailsUrl } : {}),
  };
}
