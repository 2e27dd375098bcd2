import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import { audit, auditEntry, type AuditSource, SYSTEM_SOURCE } from './audit-context';
import { conflictPageRecords } from './conflict-page.query';
import { UNRESOLVED_STATUSES } from './conflict-sync';
import { toPage } from './pagination';
import { CONFLICT_INCLUDE, toConflictRecord, toRecommendationRecord } from './registry.mappers';
import type { ConflictDetail, ConflictRecord, ConflictStatusValue, Page, PageRequest, SeverityLevel } from './registry.types';

export interface ConflictFilter {
  severity?: SeverityLevel;
  status?: ConflictStatusValue;
  /** Conflicts that involve this tool, on either side. */
  toolId?: string;
}

export interface ConflictStatusChange {
  status: ConflictStatusValue;
  suppressionReason: string | null;
  resolvedAt: Date | null;
}

/** Counts of an environment's conflicts, for the health summary. */
export interface ConflictCounts {
  byStatus: Partial<Record<ConflictStatusValue, number>>;
  /** Severity counts of unresolved (OPEN or ACKNOWLEDGED) conflicts only. */
  unresolvedBySeverity: Partial<Record<SeverityLevel, number>>;
}

/** Reads and status changes of conflicts. Analysis writes go through ToolRegistrationRepository. */
@Injectable()
export class ConflictRepository {
  constructor(private readonly prisma: PrismaService) {}

  async list(environmentId: string, filter: ConflictFilter, page: PageRequest): Promise<Page<ConflictRecord>> {
    // One joined query instead of findMany's five (conflict-page.query.ts).
    return toPage(await conflictPageRecords(this.prisma, environmentId, filter, page), page, (record) => record);
  }

  /** Unresolved (OPEN or ACKNOWLEDGED) conflicts involving any of `toolIds`, oldest first. */
  async unresolvedFor(environmentId: string, toolIds: readonly string[]): Promise<ConflictRecord[]> {
    if (toolIds.length === 0) return [];
    const ids = [...toolIds];
    const rows = await this.prisma.conflict.findMany({
      where: { environmentId, status: { in: UNRESOLVED_STATUSES }, OR: [{ toolAId: { in: ids } }, { toolBId: { in: ids } }] },
      include: CONFLICT_INCLUDE,
      orderBy: { id: 'asc' },
    });
    return rows.map(toConflictRecord);
  }

  /** A conflict of the organisation with its recommendations. */
  async findById(organisationId: string, id: string): Promise<ConflictDetail | undefined> {
    const row = await this.prisma.conflict.findFirst({
      where: { id, environment: { organisationId } },
      include: { ...CONFLICT_INCLUDE, recommendations: { orderBy: { id: 'asc' } } },
    });
    return row ? { ...toConflictRecord(row), recommendations: row.recommendations.map(toRecommendationRecord) } : undefined;
  }

  /**
   * Applies a status change only if the conflict is still in `from` (optimistic check): returns false
   * when a concurrent change got there first.
   */
  async changeStatus(id: string, from: ConflictStatusValue, change: ConflictStatusChange, source: AuditSource = SYSTEM_SOURCE): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.conflict.updateMany({ where: { id, status: from }, data: change });
      if (count !== 1) return false;
      const { environmentId, environment } = await tx.conflict.findUniqueOrThrow({ where: { id }, select: { environmentId: true, environment: { select: { organisationId: true } } } });
      const scope = { ...source, organisationId: environment.organisationId, environmentId };
      await audit.append(tx, auditEntry(scope, 'conflict.status_changed', { type: 'conflict', id }, { from, to: change.status, reason: change.suppressionReason }));
      return true;
    });
  }

  async counts(environmentId: string): Promise<ConflictCounts> {
    const [byStatus, bySeverity] = await Promise.all([
      this.prisma.conflict.groupBy({ by: ['status'], where: { environmentId }, _count: { _all: true } }),
      this.prisma.conflict.groupBy({
        by: ['severity'],
        where: { environmentId, status: { in: UNRESOLVED_STATUSES } },
        _count: { _all: true },
      }),
    ]);
    return {
      byStatus: Object.fromEntries(byStatus.map((g) => [g.status, g._count._all])),
      unresolvedBySeverity: Object.fromEntries(bySeverity.map((g) => [g.severity, g._count._all])),
    };
  }
}
