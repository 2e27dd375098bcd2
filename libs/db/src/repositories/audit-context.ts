// What the registry repositories need to write audit entries for their own changes.
import { type AuditAction, type AuditActor, type AuditEntryInput, SYSTEM_ACTOR } from '@toolgate/audit';
import { AuditLog } from './audit-log';

/** Who caused a change and from where; the system when a repository caller gives none. */
export interface AuditSource {
  actor: AuditActor;
  sourceIp?: string | null;
  requestId?: string | null;
}

/** The scope of the entries one transaction writes: organisation, environment and source. */
export interface AuditScope extends AuditSource {
  organisationId: string;
  environmentId: string;
}

/** Shared and stateless: every repository appends through it (AuditLog.append takes the caller's tx). */
export const audit = new AuditLog();

export const SYSTEM_SOURCE: AuditSource = { actor: SYSTEM_ACTOR };

/** An entry of `scope` about one resource. */
export function auditEntry(scope: AuditScope, action: AuditAction, resource: { type: string; id: string }, details: Record<string, unknown>): AuditEntryInput {
  return {
    organisationId: scope.organisationId,
    environmentId: scope.environmentId,
    actor: scope.actor,
    sourceIp: scope.sourceIp ?? null,
    requestId: scope.requestId ?? null,
    action,
    resource,
    details,
  };
}
