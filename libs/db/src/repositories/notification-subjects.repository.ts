import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import type { SeverityLevel } from './registry.types';

/** The environment an event belongs to. */
export interface SubjectEnvironment {
  id: string;
  name: string;
  organisationId: string;
}

export interface SubjectTool {
  id: string;
  name: string;
  server: string;
  status: string;
}

/** A conflict as a notification renders it. */
export interface ConflictSubject {
  id: string;
  environment: SubjectEnvironment;
  status: string;
  severity: SeverityLevel;
  score: number;
  findings: Array<{ stage?: string; type?: string; score?: number }>;
  toolA: SubjectTool;
  toolB: SubjectTool;
  /** The best recommendation (largest score drop), if any. */
  recommendation: { kind: string; rationale: string; targetToolName: string } | null;
}

export interface ApprovalSubject {
  id: string;
  environment: SubjectEnvironment;
  status: string;
  kind: string;
  tool: SubjectTool;
  version: number;
  requester: string;
  decider: string | null;
  reason: string | null;
  expiresAt: Date;
  /** Highest severity among the request's conflicts (null for a definition change). */
  severity: SeverityLevel | null;
  conflict: ConflictSubject | null;
  definitionChange: unknown;
}

export interface ToolChangeSubject {
  environment: SubjectEnvironment;
  tool: SubjectTool;
  version: { id: string; version: number; contentHash: string; definition: unknown };
  /** The version approved before this one, when there is one. */
  previous: { id: string; version: number; contentHash: string; definition: unknown } | null;
}

export interface FailedRunSubject {
  id: string;
  environment: SubjectEnvironment;
  status: string;
  trigger: string;
  error: string | null;
}

const SEVERITY_ORDER: SeverityLevel[] = ['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const ENV_SELECT = { select: { id: true, name: true, organisationId: true } } as const;
const TOOL_SELECT = { select: { id: true, name: true, status: true, server: { select: { name: true } } } } as const;
type ToolRow = { id: string; name: string; status: string; server: { name: string } };
const toTool = (t: ToolRow): SubjectTool => ({ id: t.id, name: t.name, server: t.server.name, status: t.status });
const actor = (type: string | null, id: string | null) => (type ? `${type.toLowerCase()}${id ? `:${id}` : ''}` : null);

/**
 * Read-only loads of what notification events are about (conflicts, approval requests, tool versions, runs),
 * for the worker that renders them: it acts on ids the producers scoped, hence no organisation argument.
 * Also the reconciliation queries that find what must be announced (an approval close to expiry) or closed
 * (an announced conflict that is now resolved).
 */
@Injectable()
export class NotificationSubjectsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async conflict(id: string): Promise<ConflictSubject | undefined> {
    const row = await this.prisma.conflict.findUnique({
      where: { id },
      include: { environment: ENV_SELECT, toolA: TOOL_SELECT, toolB: TOOL_SELECT, recommendations: { include: { targetTool: { select: { name: true } } } } },
    });
    if (!row) return undefined;
    const best = [...row.recommendations].sort((a, b) => b.scoreBefore - b.scoreAfter - (a.scoreBefore - a.scoreAfter))[0];
    return {
      id: row.id,
      environment: row.environment,
      status: row.status,
      severity: row.severity,
      score: row.score,
      findings: Array.isArray(row.findings) ? (row.findings as ConflictSubject['findings']) : [],
      toolA: toTool(row.toolA),
      toolB: toTool(row.toolB),
      recommendation: best ? { kind: best.kind, rationale: best.rationale, targetToolName: best.targetTool.name } : null,
    };
  }

  async approval(id: string): Promise<ApprovalSubject | undefined> {
    const row = await this.prisma.approvalRequest.findUnique({
      where: { id },
      include: { environment: ENV_SELECT, toolVersion: { include: { tool: TOOL_SELECT } }, conflicts: { select: { conflictId: true, conflict: { select: { severity: true } } } } },
    });
    if (!row) return undefined;
    const top = [...row.conflicts].sort((a, b) => SEVERITY_ORDER.indexOf(b.conflict.severity) - SEVERITY_ORDER.indexOf(a.conflict.severity))[0];
    return {
      id: row.id,
      environment: row.environment,
      status: row.status,
      kind: row.kind,
      tool: toTool(row.toolVersion.tool),
      version: row.toolVersion.version,
      requester: actor(row.requesterType, row.requesterId) ?? 'system',
      decider: actor(row.deciderType, row.deciderId),
      reason: row.reason,
      expiresAt: row.expiresAt,
      severity: top?.conflict.severity ?? null,
      conflict: top ? ((await this.conflict(top.conflictId)) ?? null) : null,
      definitionChange: row.definitionChange,
    };
  }

  async toolChange(toolId: string, versionId: string): Promise<ToolChangeSubject | undefined> {
    const tool = await this.prisma.tool.findUnique({ where: { id: toolId }, include: { environment: ENV_SELECT, server: { select: { name: true } }, approvedVersion: true } });
    const version = await this.prisma.toolVersion.findFirst({ where: { id: versionId, toolId } });
    if (!tool || !version) return undefined;
    const previous =
      tool.approvedVersion && tool.approvedVersion.id !== version.id
        ? tool.approvedVersion
        : await this.prisma.toolVersion.findFirst({ where: { toolId, version: { lt: version.version } }, orderBy: { version: 'desc' } });
    const pick = (v: { id: string; version: number; contentHash: string; definition: unknown }) => ({ id: v.id, version: v.version, contentHash: v.contentHash, definition: v.definition });
    return { environment: tool.environment, tool: toTool(tool), version: pick(version), previous: previous ? pick(previous) : null };
  }

  async run(id: string): Promise<FailedRunSubject | undefined> {
    const row = await this.prisma.analysisRun.findUnique({ where: { id }, include: { environment: ENV_SELECT } });
    return row ? { id: row.id, environment: row.environment, status: row.status, trigger: row.trigger, error: row.error } : undefined;
  }

  /**
   * The conflicts a run detected: new or reopened, as its `conflict.detected` audit entries record them
   * (written in the run's own transaction, so a committed run has them all). A re-scan that finds nothing
   * new has none.
   */
  async detectedInRun(runId: string): Promise<string[]> {
    const run = await this.prisma.analysisRun.findUnique({ where: { id: runId }, select: { environmentId: true, createdAt: true, environment: { select: { organisationId: true } } } });
    if (!run) return [];
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT DISTINCT "resourceId" AS id FROM "AuditEntry"
      WHERE "organisationId" = ${run.environment.organisationId}::uuid AND "environmentId" = ${run.environmentId}::uuid
        AND time >= ${run.createdAt} AND action = 'conflict.detected' AND details->>'runId' = ${runId}`;
    return rows.map((r) => r.id);
  }

  /**
   * Conflicts a run saw at a higher severity than they were ever announced at (a SENT or QUEUED conflict.detected
   * since `since`): escalations, announced again. A conflict never announced is not one (channel thresholds
   * decide; a re-scan must not announce every old conflict below them).
   */
  async escalatedInRun(runId: string, environmentId: string, since: Date): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT c.id::text AS id FROM "NotificationDelivery" d
      JOIN "Conflict" c ON d."dedupKey" = 'conflict:' || c.id::text
      WHERE d."environmentId" = ${environmentId}::uuid AND d."eventType" = 'conflict.detected' AND d.status IN ('SENT', 'QUEUED')
        AND d."createdAt" >= ${since} AND c."lastSeenRunId" = ${runId}::uuid AND c.status IN ('OPEN', 'ACKNOWLEDGED')
      GROUP BY c.id, c.severity
      HAVING max(d.severity) < c.severity`;
    return rows.map((r) => r.id);
  }

  /**
   * Of `ids`, the unresolved conflicts at or above `minSeverity`, most severe (then highest score) first, at most
   * `limit`: what a run announces individually.
   */
  async rankConflicts(ids: readonly string[], minSeverity: SeverityLevel, limit: number): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM "Conflict"
      WHERE id = ANY(${[...ids]}::uuid[]) AND severity >= ${minSeverity}::"Severity" AND status IN ('OPEN', 'ACKNOWLEDGED')
      ORDER BY severity DESC, score DESC, id LIMIT ${limit}`;
    return rows.map((r) => r.id);
  }

  /** Conflicts of the environment announced (a SENT or QUEUED conflict.detected) and RESOLVED since, with no conflict.resolved after. */
  async announcedNowResolved(environmentId: string, resolvedSince: Date, limit = 500): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT c.id::text AS id FROM "Conflict" c
      WHERE c."environmentId" = ${environmentId}::uuid AND c.status = 'RESOLVED' AND c."resolvedAt" >= ${resolvedSince}
        AND EXISTS (SELECT 1 FROM "NotificationDelivery" d WHERE d."environmentId" = c."environmentId" AND d."dedupKey" = 'conflict:' || c.id::text
                    AND d."eventType" = 'conflict.detected' AND d.status IN ('SENT', 'QUEUED')
                    AND NOT EXISTS (SELECT 1 FROM "NotificationDelivery" r WHERE r."channelId" = d."channelId" AND r."dedupKey" = d."dedupKey"
                                    AND r."eventType" = 'conflict.resolved' AND r."createdAt" > d."createdAt"))
      LIMIT ${limit}`;
    return rows.map((r) => r.id);
  }

  /**
   * PENDING approval requests expiring within (now, until] that are still to be warned about: in an environment
   * with an enabled channel, and with no `approval.expiring` delivery yet (so the tick does not queue them again).
   */
  async approvalsExpiringBy(now: Date, until: Date, limit = 500): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT a.id::text AS id FROM "ApprovalRequest" a
      WHERE a.status = 'PENDING' AND a."expiresAt" > ${now} AND a."expiresAt" <= ${until}
        AND EXISTS (SELECT 1 FROM "NotificationChannel" c WHERE c."environmentId" = a."environmentId" AND c.enabled)
        AND NOT EXISTS (SELECT 1 FROM "NotificationDelivery" d WHERE d."environmentId" = a."environmentId"
                        AND d."dedupKey" = 'approval:' || a.id::text AND d."eventType" = 'approval.expiring')
      ORDER BY a."expiresAt" LIMIT ${limit}`;
    return rows.map((r) => r.id);
  }

  /** EXPIRED approval requests (changed since `since`) whose request was announced and whose expiry was not. */
  async expiredToAnnounce(since: Date, limit = 500): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT a.id::text AS id FROM "ApprovalRequest" a
      WHERE a.status = 'EXPIRED' AND a."updatedAt" >= ${since}
        AND EXISTS (SELECT 1 FROM "NotificationDelivery" d WHERE d."dedupKey" = 'approval:' || a.id::text AND d."eventType" = 'approval.requested' AND d.status IN ('SENT', 'QUEUED'))
        AND NOT EXISTS (SELECT 1 FROM "NotificationDelivery" d WHERE d."dedupKey" = 'approval:' || a.id::text AND d."eventType" = 'approval.expired')
      LIMIT ${limit}`;
    return rows.map((r) => r.id);
  }
}
