import type { AuditEntry } from './audit-entry';

/** The JSON form of an entry (export and API): plain data, time as ISO 8601, fields in a fixed order. */
export function toAuditJson(entry: AuditEntry) {
  return {
    id: entry.id,
    organisationId: entry.organisationId,
    seq: entry.seq,
    time: entry.time.toISOString(),
    actor: entry.actor,
    action: entry.action,
    resource: entry.resource,
    environmentId: entry.environmentId,
    outcome: entry.outcome,
    sourceIp: entry.sourceIp,
    requestId: entry.requestId,
    details: entry.details,
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

/** One JSON Lines record: the entry's JSON and a `\n`. JSON.stringify escapes newlines inside strings, so it is one line. */
export function toJsonLine(entry: AuditEntry): string {
  return `${JSON.stringify(toAuditJson(entry))}\n`;
}
