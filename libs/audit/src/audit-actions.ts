// The audit actions and their CEF severity (0-10). Never rename an action: SIEM rules and stored
// entries match on these strings. Add new ones at the end of their group.

/** Every action an audit entry can record, with the human name and the CEF severity shown to a SIEM. */
export const AUDIT_ACTION_INFO = {
  'tool.registered': { name: 'Tool registered', severity: 3 },
  'tool.updated': { name: 'Tool updated', severity: 3 },
  'tool.deleted': { name: 'Tool deleted', severity: 5 },
  'conflict.detected': { name: 'Conflict detected', severity: 6 },
  'conflict.status_changed': { name: 'Conflict status changed', severity: 5 },
  'approval.requested': { name: 'Approval requested', severity: 4 },
  'approval.approved': { name: 'Approval approved', severity: 6 },
  'approval.rejected': { name: 'Approval rejected', severity: 5 },
  'approval.expired': { name: 'Approval expired', severity: 4 },
  'analysis.started': { name: 'Analysis run started', severity: 1 },
  'analysis.completed': { name: 'Analysis run completed', severity: 1 },
  'analysis.failed': { name: 'Analysis run failed', severity: 5 },
  'auth.login_succeeded': { name: 'Login succeeded', severity: 3 },
  'auth.login_failed': { name: 'Login failed', severity: 7 },
  'api_key.created': { name: 'API key created', severity: 6 },
  'api_key.revoked': { name: 'API key revoked', severity: 6 },
  'sync.started': { name: 'Server sync started', severity: 1 },
  'sync.completed': { name: 'Server sync completed', severity: 2 },
  'sync.failed': { name: 'Server sync failed', severity: 5 },
  'policy.changed': { name: 'Environment policy changed', severity: 7 },
  'environment.created': { name: 'Environment created', severity: 5 },
  'server.created': { name: 'MCP server registered', severity: 4 },
  'notification_channel.created': { name: 'Notification channel created', severity: 5 },
  'notification_channel.updated': { name: 'Notification channel updated', severity: 5 },
  'notification_channel.deleted': { name: 'Notification channel deleted', severity: 5 },
  'notification.sent': { name: 'Notification sent', severity: 1 },
  'notification.failed': { name: 'Notification failed', severity: 4 },
  'server.updated': { name: 'MCP server connection changed', severity: 5 },
  'server.deleted': { name: 'MCP server deleted', severity: 5 },
} as const satisfies Record<string, { name: string; severity: number }>;

/** An audit action name, e.g. `tool.registered`. */
export type AuditAction = keyof typeof AUDIT_ACTION_INFO;

/** The action names, in table order. */
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_INFO) as AuditAction[];

/** Severity for actions stored by a newer version that this one does not know. */
const UNKNOWN_ACTION_SEVERITY = 5;

/** True when `action` is one of {@link AUDIT_ACTIONS}. */
export function isAuditAction(action: string): action is AuditAction {
  return Object.prototype.hasOwnProperty.call(AUDIT_ACTION_INFO, action);
}

/**
 * CEF name and severity of an action. A FAILURE or DENIED outcome raises the severity by 2 (capped at 10):
 * a refused approval or key creation deserves more attention than a successful one.
 */
export function actionInfo(action: string, outcome: 'success' | 'failure' | 'denied' = 'success'): { name: string; severity: number } {
  const info = isAuditAction(action) ? AUDIT_ACTION_INFO[action] : { name: action, severity: UNKNOWN_ACTION_SEVERITY };
  return { name: info.name, severity: outcome === 'success' ? info.severity : Math.min(10, info.severity + 2) };
}
