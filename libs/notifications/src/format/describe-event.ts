import type { NotificationDigest, NotificationEvent, NotificationLinks } from '../model';

/** One labelled line of a message, rendered as a Slack field, an email table row or a text line. */
export interface MessageField {
  label: string;
  value: string;
  /** `code` values are tool / server names: monospace in Slack and HTML. */
  code?: boolean;
}

/** The channel-neutral content of an event: what every formatter renders in its own syntax. */
export interface DescribedEvent {
  headline: string;
  fields: MessageField[];
  /** Longer paragraphs after the fields (conflict summary, recommendation, changes, error). */
  sections: Array<{ label: string; text: string }>;
  links: NotificationLinks;
}

export function toolLabel(tool: { name: string; server: string }): string {
  return `${tool.name} (server ${tool.server})`;
}

/** Headline per event type, prefixed with the environment so one Slack channel can serve several. */
export function headlineOf(event: NotificationEvent): string {
  if (event.title) return `[${event.environment.name}] ${event.title}`;
  const tool = event.tool ? toolLabel(event.tool) : 'a tool';
  const other = event.otherTool ? ` vs ${toolLabel(event.otherTool)}` : '';
  const severity = event.severity ? `${event.severity} ` : '';
  const text = (() => {
    switch (event.type) {
      case 'conflict.detected':
        return `${severity}conflict: ${tool}${other}`;
      case 'conflict.resolved':
        return `Conflict resolved: ${tool}${other}`;
      case 'approval.requested':
        return `Approval requested: ${tool}`;
      case 'approval.expiring':
        return `Approval request expires soon: ${tool}`;
      case 'approval.decided':
        return `Approval ${event.approval?.decision?.toLowerCase() ?? 'decided'}: ${tool}`;
      case 'approval.expired':
        return `Approval request expired: ${tool}`;
      case 'sync.tool_changed':
        return `Definition changed for active tool ${tool}`;
      case 'analysis.failed':
        return `Analysis run failed`;
      case 'channel.test':
        return 'Test message from Toolgate';
    }
  })();
  return `[${event.environment.name}] ${text}`;
}

export function describeEvent(event: NotificationEvent): DescribedEvent {
  const fields: MessageField[] = [];
  if (event.tool) fields.push({ label: 'Tool', value: toolLabel(event.tool), code: true });
  if (event.otherTool) fields.push({ label: 'Conflicting tool', value: toolLabel(event.otherTool), code: true });
  if (event.severity) fields.push({ label: 'Severity', value: event.severity });
  fields.push({ label: 'Environment', value: event.environment.name });
  const approval = event.approval;
  if (approval) {
    fields.push({ label: 'Approval request', value: approval.requestId, code: true });
    if (approval.requestedBy) fields.push({ label: 'Requested by', value: approval.requestedBy });
    if (approval.expiresAt) fields.push({ label: 'Expires', value: approval.expiresAt });
    if (approval.decision) fields.push({ label: 'Decision', value: approval.decision });
    if (approval.decidedBy) fields.push({ label: 'Decided by', value: approval.decidedBy });
  }
  if (event.run) fields.push({ label: 'Analysis run', value: event.run.runId, code: true });

  const sections: DescribedEvent['sections'] = [];
  if (event.conflict) sections.push({ label: 'Conflict', text: event.conflict.summary });
  if (event.recommendation) {
    const { title, detail } = event.recommendation;
    sections.push({ label: 'Top recommendation', text: detail ? `${title}\n${detail}` : title });
  }
  if (approval?.reason) sections.push({ label: 'Reason', text: approval.reason });
  if (event.sync && event.sync.changes.length > 0) sections.push({ label: 'Changes', text: event.sync.changes.map((c) => `• ${c}`).join('\n') });
  if (event.run) sections.push({ label: 'Error', text: event.run.error });
  if (event.type === 'channel.test') sections.push({ label: 'Test', text: 'This channel is configured correctly: Toolgate can deliver to it.' });

  return { headline: headlineOf(event), fields, sections, links: event.links ?? {} };
}

/** Headline of a digest. */
export function digestHeadline(digest: NotificationDigest): string {
  const n = digest.events.length;
  return `[${digest.environment.name}] Toolgate digest: ${n} event${n === 1 ? '' : 's'}`;
}

/** Truncates to `max` characters with an ellipsis (Slack and PagerDuty have hard field limits). */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
