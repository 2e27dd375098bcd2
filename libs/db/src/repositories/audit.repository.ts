import { Injectable } from '@nestjs/common';
import { type AuditEntry, type AuditEntryInput, type AuditActor, ChainVerifier, type ChainVerification, toCefLine, toJsonLine } from '@toolgate/audit';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { AuditLog } from './audit-log';
import { actorTypeToRow, toAuditEntry } from './audit.mappers';

export interface AuditFilter {
  /** Inclusive lower and exclusive upper bound on `time`. */
  from?: Date;
  to?: Date;
  action?: string;
  actorType?: AuditActor['type'];
  actorId?: string;
  resourceType?: string;
  resourceId?: string;
}

/** A page of entries by ascending sequence; `nextCursor` is the last sequence (as a string) or null at the end. */
export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

export interface AuditExportOptions {
  /** Exclusive: entries with seq > since (the previous pull's last sequence). */
  since?: number;
  /** Inclusive upper bound, by sequence or by time. */
  until?: { seq: number } | { time: Date };
  format: 'json' | 'cef';
  /** CEF Device Version. */
  productVersion: string;
  /** Rows per query (default 1000). */
  batchSize?: number;
}

export interface AuditExport {
  /** The last sequence the export contains; `since` (or 0) when it is empty. Pass it as the next `since`. */
  lastSeq: number;
  /** The formatted lines, one string per batch. */
  chunks: AsyncIterable<string>;
}

/** The audit log: append (inside a caller's transaction), filtered listing, chain verification and export. */
@Injectable()
export class AuditRepository {
  private readonly log = new AuditLog();

  constructor(private readonly prisma: PrismaService) {}

  /** See {@link AuditLog.append}: must be called with the caller's interactive-transaction client. */
  append(tx: Prisma.TransactionClient, input: AuditEntryInput): Promise<AuditEntry> {
    return this.log.append(tx, input);
  }

  async list(organisationId: string, filter: AuditFilter, page: { limit: number; cursor?: number }): Promise<AuditPage> {
    const where: Prisma.AuditEntryWhereInput = {
      organisationId,
      ...(page.cursor !== undefined ? { seq: { gt: BigInt(page.cursor) } } : {}),
      ...(filter.from || filter.to ? { time: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
      ...(filter.action ? { action: filter.action } : {}),
      ...(filter.actorType ? { actorType: actorTypeToRow(filter.actorType) } : {}),
      ...(filter.actorId ? { actorId: filter.actorId } : {}),
      ...(filter.resourceType ? { resourceType: filter.resourceType } : {}),
      ...(filter.resourceId ? { resourceId: filter.resourceId } : {}),
    };
    const rows = await this.prisma.auditEntry.findMany({ where, orderBy: { seq: 'asc' }, take: page.limit + 1 });
    const items = rows.slice(0, page.limit).map(toAuditEntry);
    return { items, nextCursor: rows.length > page.limit ? String(items[items.length - 1]!.seq) : null };
  }

  /** Recomputes the organisation's whole chain in batches (constant memory) and reports the first broken link. */
  async verify(organisationId: string, batchSize = 1000): Promise<ChainVerification> {
    const verifier = new ChainVerifier();
    for await (const batch of this.batches(organisationId, 0, Number.MAX_SAFE_INTEGER, batchSize)) {
      for (const entry of batch) if (verifier.push(entry)) return verifier.result();
    }
    return verifier.result();
  }

  /**
   * Streams entries with since < seq <= last, where `last` is fixed before the first row is read (so
   * entries appended during the export wait for the next pull). Sequences are assigned under a lock
   * and committed in order, so pulling again from `lastSeq` has neither gaps nor duplicates.
   */
  async exportStream(organisationId: string, options: AuditExportOptions): Promise<AuditExport> {
    const since = options.since ?? 0;
    const until = options.until;
    const bound: Prisma.AuditEntryWhereInput = { organisationId, ...(until && 'time' in until ? { time: { lte: until.time } } : {}), ...(until && 'seq' in until ? { seq: { lte: BigInt(until.seq) } } : {}) };
    const { _max } = await this.prisma.auditEntry.aggregate({ where: bound, _max: { seq: true } });
    const lastSeq = Math.max(since, Number(_max.seq ?? 0));
    const format = options.format === 'cef' ? (e: AuditEntry) => toCefLine(e, { productVersion: options.productVersion }) : toJsonLine;
    const batches = this.batches(organisationId, since, lastSeq, options.batchSize ?? 1000);
    const chunks = (async function* () {
      for await (const batch of batches) yield batch.map(format).join('');
    })();
    return { lastSeq, chunks };
  }

  /** Entries with after < seq <= upTo, ascending, `size` at a time (keyset on the unique (organisationId, seq) index). */
  private async *batches(organisationId: string, after: number, upTo: number, size: number): AsyncGenerator<AuditEntry[]> {
    let cursor = after;
    while (cursor < upTo) {
      const rows = await this.prisma.auditEntry.findMany({ where: { organisationId, seq: { gt: BigInt(cursor), lte: BigInt(upTo) } }, orderBy: { seq: 'asc' }, take: size });
      if (rows.length === 0) return;
      const entries = rows.map(toAuditEntry);
      yield entries;
      cursor = entries[entries.length - 1]!.seq;
    }
  }
}
