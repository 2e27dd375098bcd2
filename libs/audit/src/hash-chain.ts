// The per-organisation hash chain: hash(n) = SHA-256(hash(n-1) + canonical(entry n)). Changing, removing
// or reordering any entry changes every later hash, so a verifier that recomputes them finds the first
// broken link. node:crypto is a built-in, not a framework: the domain lint rule allows it.
import { createHash } from 'node:crypto';
import type { AuditEntry, AuditEntryInput } from './audit-entry';
import { canonicalJson } from './canonical-json';

/** Version tag inside the canonical form, so a future change of the hashed fields can be told apart. */
const CANONICAL_VERSION = 1;

/** The hashed content of an entry: every field except `hash` itself (and prevHash, which is prefixed). */
export function canonicalEntry(entry: Omit<AuditEntry, 'hash' | 'prevHash'>): string {
  return canonicalJson({
    v: CANONICAL_VERSION,
    id: entry.id,
    organisationId: entry.organisationId,
    seq: entry.seq,
    time: entry.time.toISOString(),
    actor: { type: entry.actor.type, id: entry.actor.id, display: entry.actor.display },
    action: entry.action,
    resource: { type: entry.resource.type, id: entry.resource.id },
    environmentId: entry.environmentId,
    outcome: entry.outcome,
    sourceIp: entry.sourceIp,
    requestId: entry.requestId,
    details: entry.details,
  });
}

/** SHA-256 hex of `prevHash` (empty string for the first entry) followed by the canonical entry. */
export function entryHash(prevHash: string | null, entry: Omit<AuditEntry, 'hash' | 'prevHash'>): string {
  return createHash('sha256')
    .update(prevHash ?? '')
    .update(canonicalEntry(entry))
    .digest('hex');
}

/** The chain's tip: the last entry's sequence and hash, or null for an empty log. */
export interface ChainTip {
  seq: number;
  hash: string;
}

/**
 * The next entry after `tip`: seq + 1, prevHash = tip's hash, and its own hash. `id` and `time` come from
 * the caller (the store assigns them) so this stays a pure function.
 */
export function chainEntry(tip: ChainTip | null, input: AuditEntryInput, assigned: { id: string; time: Date }): AuditEntry {
  const body: Omit<AuditEntry, 'hash' | 'prevHash'> = {
    id: assigned.id,
    organisationId: input.organisationId,
    seq: (tip?.seq ?? 0) + 1,
    time: assigned.time,
    actor: input.actor,
    action: input.action,
    resource: input.resource,
    environmentId: input.environmentId ?? null,
    outcome: input.outcome ?? 'success',
    sourceIp: input.sourceIp ?? null,
    requestId: input.requestId ?? null,
    details: input.details ?? {},
  };
  const prevHash = tip?.hash ?? null;
  return { ...body, prevHash, hash: entryHash(prevHash, body) };
}
