import type { Prisma } from '../generated/prisma/client';
import type { ApprovalRecord, ApprovalStatusValue, DefinitionChange } from './approval.types';
import { UNRESOLVED_STATUSES } from './conflict-sync';
import { CONFLICT_INCLUDE, type ConflictRow, toConflictRecord, toRecommendationRecord } from './registry.mappers';
import type { SeverityLevel } from './registry.types';

export const APPROVAL_INCLUDE = {
  toolVersion: {
    select: {
      id: true,
      version: true,
      contentHash: true,
      findings: true,
      tool: { select: { id: true, name: true, status: true, currentVersionId: true, server: { select: { name: true } } } },
    },
  },
  conflicts: {
    include: { conflict: { include: { ...CONFLICT_INCLUDE, recommendations: { orderBy: { id: 'asc' } } } } },
    orderBy: { conflictId: 'asc' },
  },
} as const satisfies Prisma.ApprovalRequestInclude;

type ApprovalRow = Prisma.ApprovalRequestGetPayload<{ include: typeof APPROVAL_INCLUDE }>;

export function toApprovalRecord(row: ApprovalRow): ApprovalRecord {
  const { tool } = row.toolVersion;
  return {
    id: row.id,
    environmentId: row.environmentId,
    tool: { id: tool.id, name: tool.name, server: tool.server.name, status: tool.status, currentVersionId: tool.currentVersionId },
    toolVersion: { id: row.toolVersion.id, version: row.toolVersion.version, contentHash: row.toolVersion.contentHash, findings: Array.isArray(row.toolVersion.findings) ? (row.toolVersion.findings as unknown[]) : [] },
    status: row.status as ApprovalStatusValue,
    requester: { type: row.requesterType, id: row.requesterId },
    decider: row.deciderType ? { type: row.deciderType, id: row.deciderId } : null,
    reason: row.reason,
    expiresAt: row.expiresAt,
    decidedAt: row.decidedAt,
    createdAt: row.createdAt,
    kind: row.kind,
    definitionChange: (row.definitionChange as DefinitionChange | null) ?? null,
    conflicts: row.conflicts.map(({ conflict }) => ({
      ...toConflictRecord(conflict as ConflictRow),
      recommendations: conflict.recommendations.map(toRecommendationRecord),
    })),
  };
}

/** Ids of the tool's unresolved conflicts at a blocking severity: what an approval covers. */
export async function blockingConflictIds(tx: Prisma.TransactionClient, environmentId: string, toolId: string, severities: SeverityLevel[]): Promise<string[]> {
  const rows = await tx.conflict.findMany({
    where: { environmentId, status: { in: UNRESOLVED_STATUSES }, severity: { in: severities }, OR: [{ toolAId: toolId }, { toolBId: toolId }] },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => row.id);
}
