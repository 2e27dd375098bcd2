import { UNRESTRICTED_OUTBOUND_URL_POLICY } from '@toolgate/net';
import { deliver } from './deliver';
import type { DeliverOptions, DeliveryResult, NotificationChannel, NotificationEvent, NotificationMessage } from './model';

// Events shaped like the real data the integration produces: two MCP servers exposing a
// `search_issues` tool (see /work/shared/data). Used by this lib's specs and by docs/notifications.md.

const BASE = 'https://toolgate.example.com';

export function conflictDetected(overrides: Partial<NotificationEvent> = {}): NotificationEvent {
  return {
    type: 'conflict.detected',
    id: 'evt_01HZX3K9Q4R8',
    environment: { id: 'env_prod', name: 'production' },
    occurredAt: '2026-11-21T10:15:00.000Z',
    severity: 'HIGH',
    dedupKey: 'conflict:cf_7d2a91',
    tool: { name: 'search_issues', server: 'github', id: 'tool_gh_search' },
    otherTool: { name: 'search_issues', server: 'linear', id: 'tool_ln_search' },
    conflict: {
      id: 'cf_7d2a91',
      severity: 'HIGH',
      kind: 'lexical',
      summary: 'Both servers expose a tool named search_issues with near-identical descriptions; a model cannot tell which one a request means.',
    },
    recommendation: { title: 'Rename linear/search_issues to linear_search_issues', detail: 'Or set a server-prefix policy for the production environment.' },
    approval: { requestId: 'apr_5521', expiresAt: '2026-11-24T10:15:00.000Z', requestedBy: 'dana@example.com' },
    links: {
      approve: `${BASE}/v1/approvals/apr_5521?action=approve`,
      reject: `${BASE}/v1/approvals/apr_5521?action=reject`,
      details: `${BASE}/v1/environments/production/conflicts/cf_7d2a91`,
    },
    ...overrides,
  };
}

export function conflictResolved(): NotificationEvent {
  return {
    type: 'conflict.resolved',
    id: 'evt_01HZX4A1B2C3',
    environment: { id: 'env_prod', name: 'production' },
    occurredAt: '2026-11-21T11:02:00.000Z',
    severity: 'HIGH',
    dedupKey: 'conflict:cf_7d2a91',
    tool: { name: 'search_issues', server: 'github' },
    otherTool: { name: 'linear_search_issues', server: 'linear' },
  };
}

/**
 * deliver() for specs whose peers listen on 127.0.0.1: they test other behaviour, so the outbound policy trusts
 * every address (the default refuses loopback; channel-destinations.policy.spec.ts covers that).
 */
export function deliverToLocalPeers(channel: NotificationChannel, message: NotificationMessage, options: DeliverOptions = {}): Promise<DeliveryResult> {
  return deliver(channel, message, { urlPolicy: UNRESTRICTED_OUTBOUND_URL_POLICY, ...options });
}
