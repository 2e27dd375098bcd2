// Appending to the audit log inside the caller's transaction: the change and its entry commit together
// or not at all (docs/audit.md).
import { type AuditEntry, type AuditEntryInput, chainEntry, isIpAddress } from '@toolgate/audit';
import type { Prisma } from '../generated/prisma/client';
import { toAuditEntry, toAuditRow } from './audit.mappers';
import { uuidV7 } from './uuid-v7';

/** Advisory-lock class for audit appends; the second key is hashtext(organisationId). */
const AUDIT_LOCK_CLASS = 7_420_001;

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
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_CLASS}::int, hashtext(${input.organisationId}))`;
    // A new statement after the lock: under READ COMMITTED it sees the previous holder's commit.
    // host(inet) is how Postgres will print the stored address; hashing that form keeps verification stable.
    const ip = input.sourceIp && isIpAddress(input.sourceIp) ? input.sourceIp : null;
    const [tip] = await tx.$queryRaw<{ seq: bigint | null; hash: string | null; ip: string | null }[]>`
      SELECT last.seq, last.hash, host(${ip}::inet) AS ip
      FROM (SELECT 1) AS one
      LEFT JOIN LATERAL (
        SELECT seq, hash FROM "AuditEntry" WHERE "organisationId" = ${input.organisationId}::uuid ORDER BY seq DESC LIMIT 1
      ) AS last ON true`;
    const previous = tip?.seq != null && tip.hash != null ? { seq: Number(tip.seq), hash: tip.hash } : null;
    const time = new Date();
    const entry = chainEntry(previous, { ...input, sourceIp: tip?.ip ?? null }, { id: uuidV7(time.getTime()), time });
    const row = await tx.auditEntry.create({ data: toAuditRow(entry) });
    return toAuditEntry(row);
  }
}
