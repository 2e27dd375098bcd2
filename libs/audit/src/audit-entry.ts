import type { AuditAction } from './audit-actions';

/** Who did it. `display` is a human label (email, key name) kept for readers; `id` is the stable reference. */
export interface AuditActor {
  type: 'user' | 'api_key' | 'system';
  id: string | null;
  display: string | null;
}

export type AuditOutcome = 'success' | 'failure' | 'denied';

/** What the caller supplies: everything except the chain fields the log assigns (id, seq, time, hashes). */
export interface AuditEntryInput {
  organisationId: string;
  actor: AuditActor;
  action: AuditAction;
  resource: { type: string; id: string | null };
  environmentId?: string | null;
  outcome?: AuditOutcome;
  sourceIp?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * One entry of an organisation's audit log. `seq` is 1, 2, 3... per organisation with no gaps; `hash`
 * is SHA-256 hex of `prevHash` (empty for seq 1) followed by {@link canonicalEntry}.
 * `action` is a string rather than {@link AuditAction}: a log written by a newer version may hold actions this one does not know.
 */
export interface AuditEntry {
  id: string;
  organisationId: string;
  seq: number;
  time: Date;
  actor: AuditActor;
  action: string;
  resource: { type: string; id: string | null };
  environmentId: string | null;
  outcome: AuditOutcome;
  sourceIp: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
  prevHash: string | null;
  hash: string;
}

/** The system actor: entries written by the registry itself (analysis, sync, expiry). */
export const SYSTEM_ACTOR: AuditActor = { type: 'system', id: null, display: 'toolgate' };
