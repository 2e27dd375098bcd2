// Appending to the audit log inside the caller's transaction: the change and its entry commit together
// or not at all (docs/audit.md).
import { type AuditEntry, type AuditEntryInput, type ChainTip, chainEntry, isIpAddress } from '@toolgate/audit';
import type { Prisma } from '../generated/prisma/client';
import { toAuditEntry, toAuditRow } from './audit.mappers';
import { uuidV7 } from './uuid-v7';

/** Advisory-lock class for audit appends; the second key is hashtext(organisationId). */
const AUDIT_LOCK_CLASS = 7_420_001;

/** Entries per multi-row insert of appendMany (bounds the statement's memory, not its parameter count). */
const APPEND_MANY_CHUNK = 2000;

/**
 * The chain tip each open transaction holds the lock for, per organisation. Shared by every AuditLog: a
 * transaction that already holds an organisation's lock knows its tip (only it can append), so later appends
 * skip the lock and the read. Keyed weakly by the transaction client, so it goes with the transaction.
 */
const heldTips = new WeakMap<object, Map<string, ChainTip | null>>();

/**
 * Appends entries to an organisation's hash chain. Stateless: repositories that change state hold one and
 * call `append(tx, ...)` with their own interactive-transaction client.
 */
export class AuditLog {
  /**
   * Appends one entry INSIDE `tx`. A transaction-scoped advisory lock per organisation serialises appends,
   * so sequences have no gaps and each entry chains onto the committed tip; the lock is released at commit
   * or rollback. Hold the transaction short after appending: other appends of the organisation wait for it.
   */
  async append(tx: Prisma.TransactionClient, input: AuditEntryInput): Promise<AuditEntry> {
    const ipInput = input.sourceIp && isIpAddress(input.sourceIp) ? input.sourceIp : null;
    const held = heldTips.get(tx);
    let previous: ChainTip | null;
    let ip: string | null;
    if (held?.has(input.organisationId)) {
      previous = held.get(input.organisationId) ?? null;
      ip = ipInput ? await hostForm(tx, ipInput) : null;
    } else {
      ({ previous, ip } = await this.lockAndReadTip(tx, input.organisationId, ipInput));
    }
    const time = new Date();
    const entry = chainEntry(previous, { ...input, sourceIp: ip }, { id: uuidV7(time.getTime()), time });
    const row = await tx.auditEntry.create({ data: toAuditRow(entry) });
    const tips = heldTips.get(tx) ?? new Map<string, ChainTip | null>();
    heldTips.set(tx, tips.set(input.organisationId, { seq: entry.seq, hash: entry.hash }));
    return toAuditEntry(row);
  }

  /**
   * Appends `inputs` in order INSIDE `tx`, as `append` would one by one, but with one lock, one tip read and
   * one multi-row insert per {@link APPEND_MANY_CHUNK} entries (a re-scan audits tens of thousands of conflicts).
   * The chain is computed in memory from the tip, so it verifies exactly like single appends.
   */
  async appendMany(tx: Prisma.TransactionClient, inputs: readonly AuditEntryInput[]): Promise<number> {
    let written = 0;
    for (let start = 0; start < inputs.length; start += APPEND_MANY_CHUNK) {
      const chunk = inputs.slice(start, start + APPEND_MANY_CHUNK);
      const byOrganisation = new Map<string, AuditEntryInput[]>();
      for (const input of chunk) {
        const group = byOrganisation.get(input.organisationId);
        if (group) group.push(input);
        else byOrganisation.set(input.organisationId, [input]);
      }
      const rows: ReturnType<typeof toAuditRow>[] = [];
      for (const [organisationId, group] of byOrganisation) {
        const held = heldTips.get(tx);
        let previous = held?.has(organisationId) ? (held.get(organisationId) ?? null) : (await this.lockAndReadTip(tx, organisationId, null)).previous;
        const ips = new Map<string, string | null>();
        for (const input of group) {
          const ipInput = input.sourceIp && isIpAddress(input.sourceIp) ? input.sourceIp : null;
          if (ipInput && !ips.has(ipInput)) ips.set(ipInput, await hostForm(tx, ipInput));
          const time = new Date();
          const entry = chainEntry(previous, { ...input, sourceIp: ipInput ? (ips.get(ipInput) ?? null) : null }, { id: uuidV7(time.getTime()), time });
          rows.push(toAuditRow(entry));
          previous = { seq: entry.seq, hash: entry.hash };
        }
        const tips = heldTips.get(tx) ?? new Map<string, ChainTip | null>();
        heldTips.set(tx, tips.set(organisationId, previous));
      }
      await insertRows(tx, rows);
      written += rows.length;
    }
    return written;
  }

  private async lockAndReadTip(tx: Prisma.TransactionClient, organisationId: string, ipInput: string | null): Promise<{ previous: ChainTip | null; ip: string | null }> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_CLASS}::int, hashtext(${organisationId}))`;
    // A new statement after the lock: under READ COMMITTED it sees the previous holder's commit.
    // host(inet) is how Postgres will print the stored address; hashing that form keeps verification stable.
    const [tip] = await tx.$queryRaw<{ seq: bigint | null; hash: string | null; ip: string | null }[]>`
      SELECT last.seq, last.hash, host(${ipInput}::inet) AS ip
      FROM (SELECT 1) AS one
      LEFT JOIN LATERAL (
        SELECT seq, hash FROM "AuditEntry" WHERE "organisationId" = ${organisationId}::uuid ORDER BY seq DESC LIMIT 1
      ) AS last ON true`;
    const previous = tip?.seq != null && tip.hash != null ? { seq: Number(tip.seq), hash: tip.hash } : null;
    return { previous, ip: tip?.ip ?? null };
  }
}

/**
 * One multi-row INSERT … SELECT FROM unnest (17 arrays, whatever the row count): Prisma's createMany builds a
 * 34,000-parameter statement for 2000 entries and spends about a millisecond per row doing it.
 */
async function insertRows(tx: Prisma.TransactionClient, rows: ReadonlyArray<ReturnType<typeof toAuditRow>>): Promise<void> {
  const col = <T>(pick: (row: ReturnType<typeof toAuditRow>) => T): T[] => rows.map(pick);
  await tx.$executeRaw`
    INSERT INTO "AuditEntry" (id, "organisationId", seq, time, "actorType", "actorId", "actorDisplay", action, "resourceType", "resourceId", "environmentId", outcome, "sourceIp", "requestId", details, "prevHash", hash)
    SELECT * FROM unnest(
      ${col((r) => r.id)}::uuid[], ${col((r) => r.organisationId)}::uuid[], ${col((r) => r.seq.toString())}::bigint[], ${col((r) => r.time.toISOString())}::timestamptz[],
      ${col((r) => r.actorType)}::"ActorType"[], ${col((r) => r.actorId)}::text[], ${col((r) => r.actorDisplay)}::text[], ${col((r) => r.action)}::text[],
      ${col((r) => r.resourceType)}::text[], ${col((r) => r.resourceId)}::text[], ${col((r) => r.environmentId)}::uuid[], ${col((r) => r.outcome)}::"AuditOutcome"[],
      ${col((r) => r.sourceIp)}::inet[], ${col((r) => r.requestId)}::text[], ${col((r) => JSON.stringify(r.details))}::jsonb[], ${col((r) => r.prevHash)}::text[], ${col((r) => r.hash)}::text[]
    )`;
}

/** The address as Postgres prints an inet (e.g. `2001:db8::1`). */
async function hostForm(tx: Prisma.TransactionClient, ip: string): Promise<string | null> {
  const [row] = await tx.$queryRaw<{ ip: string | null }[]>`SELECT host(${ip}::inet) AS ip`;
  return row?.ip ?? null;
}
