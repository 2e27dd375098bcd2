// Writes one analysis' conflicts inside the caller's transaction: dedup by unordered pair, update in
// place, replace recommendations, and resolve the subjects' conflicts the analysis no longer reports.
import type { Prisma } from '../generated/prisma/client';
import { audit, auditEntry, type AuditScope } from './audit-context';
import type { ConflictStatusValue, SeverityLevel } from './registry.types';

export interface RecommendationWrite {
  kind: 'RENAME' | 'DESCRIPTION' | 'SCHEMA' | 'SCOPE';
  targetToolId: string;
  patch: unknown;
  rationale: string;
  source: 'RULES' | 'LLM';
  scoreBefore: number;
  scoreAfter: number;
}

export interface ConflictWrite {
  /** The two tools, in any order: the pair is stored sorted (the table's CHECK constraint). */
  toolIds: [string, string];
  severity: SeverityLevel;
  score: number;
  findings: unknown[];
  recommendations: RecommendationWrite[];
}

/** Statuses a conflict is still "live" in: resolved automatically when the pair stops conflicting. */
export const UNRESOLVED_STATUSES: ConflictStatusValue[] = ['OPEN', 'ACKNOWLEDGED'];

export interface ConflictSyncResult {
  conflictIds: string[];
  resolvedIds: string[];
}

/**
 * Upserts `conflicts` and resolves the unresolved conflicts of `subjectIds` that are not among them.
 * A conflict that was RESOLVED and is found again reopens; ACKNOWLEDGED and SUPPRESSED keep their status.
 */
export async function syncConflicts(
  tx: Prisma.TransactionClient,
  input: {
    environmentId: string;
    runId: string;
    subjectIds: readonly string[];
    conflicts: readonly ConflictWrite[];
    /** Leave stored recommendations alone (a re-scan that computes none must not erase the registration's). */
    keepRecommendations?: boolean;
  },
  scope: AuditScope,
): Promise<ConflictSyncResult> {
  const conflictIds: string[] = [];
  for (const conflict of input.conflicts) {
    const [toolAId, toolBId] = [...conflict.toolIds].sort() as [string, string];
    const values = { severity: conflict.severity, score: conflict.score, findings: conflict.findings as Prisma.InputJsonArray, lastSeenRunId: input.runId };
    const existing = await tx.conflict.findUnique({ where: { toolAId_toolBId: { toolAId, toolBId } }, select: { id: true, status: true } });
    const id = existing
      ? (
          await tx.conflict.update({
            where: { id: existing.id },
            data: { ...values, ...(existing.status === 'RESOLVED' ? { status: 'OPEN', resolvedAt: null } : {}) },
          })
        ).id
      : (await tx.conflict.create({ data: { ...values, environmentId: input.environmentId, toolAId, toolBId, firstSeenRunId: input.runId } })).id;
    conflictIds.push(id);
    if (!existing || existing.status === 'RESOLVED') {
      await audit.append(tx, auditEntry(scope, 'conflict.detected', { type: 'conflict', id }, { toolAId, toolBId, severity: conflict.severity, score: conflict.score, runId: input.runId, reopened: existing !== null }));
    }
    if (input.keepRecommendations) continue;
    await tx.recommendation.deleteMany({ where: { conflictId: id } });
    if (conflict.recommendations.length > 0) {
      await tx.recommendation.createMany({
        data: conflict.recommendations.map((r) => ({ ...r, patch: r.patch as Prisma.InputJsonValue, conflictId: id, analysisRunId: input.runId })),
      });
    }
  }
  const resolvedIds = await resolveConflictsOf(tx, scope, input.subjectIds, conflictIds);
  return { conflictIds, resolvedIds };
}

/** Resolves the unresolved conflicts involving any of `toolIds`, except `keepIds`. Returns the ids it resolved. */
export async function resolveConflictsOf(
  tx: Prisma.TransactionClient,
  scope: AuditScope,
  toolIds: readonly string[],
  keepIds: readonly string[] = [],
): Promise<string[]> {
  if (toolIds.length === 0) return [];
  const ids = [...toolIds];
  const environmentId = scope.environmentId;
  const stale = await tx.conflict.findMany({
    where: {
      environmentId,
      status: { in: UNRESOLVED_STATUSES },
      id: { notIn: [...keepIds] },
      OR: [{ toolAId: { in: ids } }, { toolBId: { in: ids } }],
    },
    select: { id: true, status: true },
  });
  const staleIds = stale.map((c) => c.id);
  if (staleIds.length > 0) {
    await tx.conflict.updateMany({ where: { id: { in: staleIds } }, data: { status: 'RESOLVED', resolvedAt: new Date() } });
  }
  for (const c of stale) await audit.append(tx, auditEntry(scope, 'conflict.status_changed', { type: 'conflict', id: c.id }, { from: c.status, to: 'RESOLVED', automatic: true }));
  return staleIds;
}
