import { Injectable } from '@nestjs/common';
import type { AnalysisRun, Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { audit, auditEntry, type AuditScope, SYSTEM_SOURCE } from './audit-context';
import { isAtLeast } from '@toolgate/pipeline';
import { type ConflictWrite, type KeepRecommendations, syncConflicts } from './conflict-sync';
import { toEnvironmentRecord } from './registry.mappers';
import type { ApprovalActorRef } from './approval.types';
import type { EnvironmentRecord, SeverityLevel, StageLevel } from './registry.types';
import { type ProviderUsageLine, type RunUsage, toRunUsage, usageColumns } from './run-usage';

export type RunStatusValue = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';
export type AnalysisTriggerValue = 'MANUAL' | 'SYNC' | 'REGISTRATION' | 'SCHEDULE' | 'POLICY_CHANGE';

/** One run of the pipeline over an environment, as the API shows it. */
export interface AnalysisRunRecord {
  id: string;
  environmentId: string;
  trigger: AnalysisTriggerValue;
  status: RunStatusValue;
  stages: StageLevel[];
  /** Milliseconds per stage (`index`, `pairs`, `persist`, ...). */
  stageTimings: Record<string, number>;
  toolCount: number;
  pairCount: number;
  conflictCount: number;
  error: string | null;
  /** Who asked for the run (the registering caller for REGISTRATION runs); the system when nobody did. */
  requestedBy: ApprovalActorRef;
  /** Remote model calls, tokens and estimated cost of the run (zero on local providers). */
  usage: RunUsage;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** What a finished scan writes, in one transaction with the run's completion. */
export interface ScanWrite {
  stageTimings: Record<string, number>;
  toolCount: number;
  pairCount: number;
  /** Every tool the scan covered: their unresolved conflicts that are not in `conflicts` are resolved. */
  subjectIds: string[];
  conflicts: ConflictWrite[];
  /** Replace the conflicts' stored recommendations with the ones given (a registration analysis computes them); default keep. */
  replaceRecommendations?: boolean;
  /**
   * A re-scan that computed recommendations for conflicts at or above this severity: theirs are replaced, the
   * others' stored ones (from their registration) are kept. Ignored with `replaceRecommendations`.
   */
  recommendFrom?: SeverityLevel;
  /** New statuses, applied only while the tool is still at the scanned version (a newer registration wins). */
  statuses: Array<{ toolId: string; versionId: string; status: 'ACTIVE' | 'BLOCKED'; findings?: unknown[] }>;
  /** The run's remote model usage, per model (UsageMeter.byModel() of the run); omitted: left as it is. */
  usage?: readonly ProviderUsageLine[];
}

// A scan of a large environment writes many conflicts; Prisma's default 5 s would cut it off. The writes are
// set-based (a 10k-tool re-scan merges ~90k conflicts in seconds: bench/RESULTS.md); the timeout is a safety net.
const SCAN_TRANSACTION = { maxWait: 10_000, timeout: 600_000 };

/** Analysis runs: created by the API (QUEUED), driven by the worker (RUNNING → COMPLETED | FAILED). */
@Injectable()
export class AnalysisRunRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** A QUEUED run, requested by `requestedBy` (default: the system). */
  async create(environmentId: string, trigger: AnalysisTriggerValue, stages: StageLevel[], requestedBy?: ApprovalActorRef): Promise<AnalysisRunRecord> {
    const requester = requestedBy ? { requestedByType: requestedBy.type, requestedById: requestedBy.id } : {};
    return toRunRecord(await this.prisma.analysisRun.create({ data: { environmentId, trigger, stages, ...requester } }));
  }

  /** A run of one of the organisation's environments (another tenant's run is undefined). */
  async findById(organisationId: string, id: string): Promise<AnalysisRunRecord | undefined> {
    const row = await this.prisma.analysisRun.findFirst({ where: { id, environment: { organisationId } } });
    return row ? toRunRecord(row) : undefined;
  }

  /**
   * Marks the run RUNNING (again, on a retry: timings and error are reset) and returns it with its
   * environment; undefined when the run is gone or already COMPLETED (a retry after the write succeeded).
   */
  async start(id: string): Promise<{ run: AnalysisRunRecord; environment: EnvironmentRecord } | undefined> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.analysisRun.findUnique({ where: { id }, include: { environment: true } });
      if (!row || row.status === 'COMPLETED') return undefined;
      // Conditional, so a completion that commits between the read and this write is not undone.
      const { count } = await tx.analysisRun.updateMany({ where: { id, status: { not: 'COMPLETED' } }, data: { status: 'RUNNING', startedAt: new Date(), finishedAt: null, error: null } });
      if (count === 0) return undefined;
      const run = toRunRecord(await tx.analysisRun.findUniqueOrThrow({ where: { id } }));
      const scope: AuditScope = { ...SYSTEM_SOURCE, organisationId: row.environment.organisationId, environmentId: row.environmentId };
      // `retry`: the run was picked up before (RUNNING or FAILED), so this is another attempt of the same run.
      const details = { trigger: run.trigger, stages: run.stages, requestedBy: run.requestedBy, retry: row.status !== 'QUEUED' };
      await audit.append(tx, auditEntry(scope, 'analysis.started', { type: 'analysis_run', id }, details));
      return { run, environment: toEnvironmentRecord(row.environment) };
    });
  }

  /** A run with its environment, without changing it (the shards and the merge of a sharded scan). */
  async findForWorker(id: string): Promise<{ run: AnalysisRunRecord; environment: EnvironmentRecord } | undefined> {
    const row = await this.prisma.analysisRun.findUnique({ where: { id }, include: { environment: true } });
    return row ? { run: toRunRecord(row), environment: toEnvironmentRecord(row.environment) } : undefined;
  }

  /**
   * Writes the scan's conflicts (dedup by pair, auto-resolve the rest), tool statuses and the COMPLETED run, atomically.
   * `alsoInTransaction` runs inside the same transaction after the statuses (the worker opens the approval requests of
   * the versions it blocked there), so whoever sees the run COMPLETED also sees its approval requests.
   */
  async complete(
    id: string,
    environmentId: string,
    scan: ScanWrite,
    alsoInTransaction?: (tx: Prisma.TransactionClient, run: AnalysisRunRecord) => Promise<void>,
  ): Promise<AnalysisRunRecord> {
    return this.prisma.$transaction(async (tx) => {
      const persistStarted = performance.now();
      const scope = await scopeOf(tx, environmentId);
      const sync = await syncConflicts(tx, { environmentId, runId: id, subjectIds: scan.subjectIds, conflicts: scan.conflicts, keepRecommendations: keptRecommendations(scan) }, scope);
      await applyStatuses(tx, scan.statuses);
      await applyVersionFindings(tx, scan.statuses);
      const run = await tx.analysisRun.update({
        where: { id },
        // `persist`: the conflict merge, statuses and audit entries inside this transaction (milliseconds).
        data: { status: 'COMPLETED', stageTimings: { ...scan.stageTimings, persist: Math.round(performance.now() - persistStarted) }, toolCount: scan.toolCount, pairCount: scan.pairCount, conflictCount: sync.conflictIds.length, finishedAt: new Date(), error: null, ...(scan.usage ? usageColumns(scan.usage) : {}) },
      });
      const details = { tools: scan.toolCount, pairs: scan.pairCount, conflicts: sync.conflictIds.length, resolved: sync.resolvedIds.length };
      await audit.append(tx, auditEntry(scope, 'analysis.completed', { type: 'analysis_run', id }, details));
      const record = toRunRecord(run);
      if (alsoInTransaction) await alsoInTransaction(tx, record);
      return record;
    }, SCAN_TRANSACTION);
  }

  /** Marks the run FAILED unless it already COMPLETED; returns whether it changed. */
  async fail(id: string, error: string): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.analysisRun.updateMany({ where: { id, status: { not: 'COMPLETED' } }, data: { status: 'FAILED', error: error.slice(0, 2000), finishedAt: new Date() } });
      if (count === 0) return false;
      const run = await tx.analysisRun.findUniqueOrThrow({ where: { id }, select: { environmentId: true } });
      await audit.append(tx, auditEntry(await scopeOf(tx, run.environmentId), 'analysis.failed', { type: 'analysis_run', id }, { error: error.slice(0, 500) }));
      return true;
    });
  }
}

function keptRecommendations(scan: ScanWrite): KeepRecommendations {
  if (scan.replaceRecommendations) return false;
  const from = scan.recommendFrom;
  return from ? (conflict) => !isAtLeast(conflict.severity, from) : true;
}

/**
 * New tool statuses in one UPDATE … FROM unnest, each applied only while the tool is still at the scanned version
 * and not already in it; ACTIVE also approves the version.
 */
async function applyStatuses(tx: Prisma.TransactionClient, statuses: ScanWrite['statuses']): Promise<void> {
  if (statuses.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Tool" t SET status = s.status, "approvedVersionId" = CASE WHEN s.status = 'ACTIVE' THEN s.version ELSE t."approvedVersionId" END, "updatedAt" = now()
    FROM (
      -- The rug-pull gate (definition-gate.ts): a version a sync gated never becomes ACTIVE here until a person approved it.
      SELECT u.id, u.version, CASE WHEN u.status = 'ACTIVE'
        AND EXISTS (SELECT 1 FROM "ApprovalRequest" a WHERE a."toolVersionId" = u.version AND a.kind = 'DEFINITION_CHANGE')
        AND NOT EXISTS (SELECT 1 FROM "ApprovalRequest" a WHERE a."toolVersionId" = u.version AND a.status = 'APPROVED')
      THEN 'BLOCKED'::"ToolStatus" ELSE u.status END AS status
      FROM unnest(${statuses.map((x) => x.toolId)}::uuid[], ${statuses.map((x) => x.versionId)}::uuid[], ${statuses.map((x) => x.status)}::"ToolStatus"[]) AS u(id, version, status)
    ) AS s
    WHERE t.id = s.id AND t."currentVersionId" = s.version AND t.status <> s.status`;
}

async function scopeOf(tx: Prisma.TransactionClient, environmentId: string): Promise<AuditScope> {
  const { organisationId } = await tx.environment.findUniqueOrThrow({ where: { id: environmentId }, select: { organisationId: true } });
  return { ...SYSTEM_SOURCE, organisationId, environmentId };
}

function toRunRecord(row: AnalysisRun): AnalysisRunRecord {
  return {
    id: row.id,
    environmentId: row.environmentId,
    trigger: row.trigger,
    status: row.status,
    stages: row.stages,
    stageTimings: row.stageTimings as Record<string, number>,
    toolCount: row.toolCount,
    pairCount: row.pairCount,
    conflictCount: row.conflictCount,
    error: row.error,
    requestedBy: { type: row.requestedByType, id: row.requestedById },
    usage: toRunUsage(row),
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

/**
 * The versions' own findings (ToolFinding[]) from this run, in one UPDATE … FROM unnest: they belong to the version,
 * so they are written whatever the tool's current version is now.
 */
async function applyVersionFindings(tx: Prisma.TransactionClient, statuses: ScanWrite['statuses']): Promise<void> {
  const decided = statuses.filter((s) => s.findings !== undefined);
  if (decided.length === 0) return;
  await tx.$executeRaw`
    UPDATE "ToolVersion" AS v SET findings = u.findings
      FROM unnest(${decided.map((s) => s.versionId)}::uuid[], ${decided.map((s) => JSON.stringify(s.findings))}::jsonb[]) AS u(id, findings)
     WHERE v.id = u.id`;
}
