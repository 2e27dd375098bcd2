import type { AuditActor, AuditEntry, AuditOutcome } from '@toolgate/audit';
import type { AuditEntry as AuditRow, ActorType, AuditOutcome as OutcomeRow } from '../generated/prisma/client';

const ACTOR_TO_ROW: Record<AuditActor['type'], ActorType> = { user: 'USER', api_key: 'API_KEY', system: 'SYSTEM' };
const ACTOR_FROM_ROW: Record<ActorType, AuditActor['type']> = { USER: 'user', API_KEY: 'api_key', SYSTEM: 'system' };
const OUTCOME_TO_ROW: Record<AuditOutcome, OutcomeRow> = { success: 'SUCCESS', failure: 'FAILURE', denied: 'DENIED' };
const OUTCOME_FROM_ROW: Record<OutcomeRow, AuditOutcome> = { SUCCESS: 'success', FAILURE: 'failure', DENIED: 'denied' };

export function actorTypeToRow(type: AuditActor['type']): ActorType {
  return ACTOR_TO_ROW[type];
}

/** The row values of an entry (bigint seq, enum names). */
export function toAuditRow(entry: AuditEntry) {
  return {
    id: entry.id,
    organisationId: entry.organisationId,
    seq: BigInt(entry.seq),
    time: entry.time,
    actorType: ACTOR_TO_ROW[entry.actor.type],
    actorId: entry.actor.id,
    actorDisplay: entry.actor.display,
    action: entry.action,
    resourceType: entry.resource.type,
    resourceId: entry.resource.id,
    environmentId: entry.environmentId,
    outcome: OUTCOME_TO_ROW[entry.outcome],
    sourceIp: entry.sourceIp,
    requestId: entry.requestId,
    details: entry.details as object,
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    organisationId: row.organisationId,
    // Safe: 2^53 entries per organisation is far beyond any log.
    seq: Number(row.seq),
    time: row.time,
    actor: { type: ACTOR_FROM_ROW[row.actorType], id: row.actorId, display: row.actorDisplay },
    action: row.action,
    resource: { type: row.resourceType, id: row.resourceId },
    environmentId: row.environmentId,
    outcome: OUTCOME_FROM_ROW[row.outcome],
    sourceIp: row.sourceIp,
    requestId: row.requestId,
    details: (row.details ?? {}) as Record<string, unknown>,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
