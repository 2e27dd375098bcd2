import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { audit, auditEntry, type AuditScope, type AuditSource, SYSTEM_SOURCE } from './audit-context';
import { type ConflictWrite, resolveConflictsOf, syncConflicts } from './conflict-sync';
import { gatedStatus } from './definition-gate';
import { uniqueAsConflict } from './prisma-errors';
import { TOOL_INCLUDE, toToolRecord, toVersionRecord } from './registry.mappers';
import type { ApprovalActorRef } from './approval.types';
import type { StageLevel, ToolRecord, ToolVersionRecord } from './registry.types';

export interface ToolVersionWrite {
  name: string;
  /** SHA-256 hex of the canonical definition: equal hashes share one version. */
  contentHash: string;
  definition: Record<string, unknown>;
  /**
   * The outcome of the analysis: ACTIVE also makes this version the approved one. PENDING_ANALYSIS: the
   * analysis runs later on the `analysis` queue (see {@link ToolRegistrationRepository.registerPending}).
   */
  status: 'ACTIVE' | 'BLOCKED' | 'PENDING_ANALYSIS';
  /** ToolFinding[] about this version from the analysis that decided `status` (kept on the version). */
  findings?: unknown[];
}

export interface RegistrationWrite {
  environmentId: string;
  serverId: string;
  run: { stages: StageLevel[]; stageTimings: Record<string, number>; toolCount: number; pairCount: number; trigger?: 'REGISTRATION' | 'MANUAL' };
  tools: ToolVersionWrite[];
  /**
   * Conflicts found for these tools. Tool ids are known for registry tools only, so a conflict names
   * a tool being registered by `name:<tool name>` and resolves it once the row exists.
   */
  conflicts: ConflictWrite[];
  /** Who registers, for the audit entries written in the same transaction (default: the system). */
  source?: AuditSource;
}

/** Versions to store now and analyse on the queue. */
export interface PendingRegistrationWrite {
  environmentId: string;
  serverId: string;
  /** The stages the queued run will cover. */
  stages: StageLevel[];
  tools: Array<Omit<ToolVersionWrite, 'status' | 'findings'>>;
  /** Recorded on the run: approval requests the worker opens for BLOCKED versions name this requester. */
  requestedBy?: ApprovalActorRef;
  /** The queued run's trigger (default REGISTRATION; a sync records SYNC). */
  trigger?: 'REGISTRATION' | 'SYNC';
  /** Added to each tool's audit entry (a sync names its run, so the server's history links them). */
  auditDetails?: Record<string, unknown>;
  source?: AuditSource;
}

export interface RegisteredTool {
  tool: ToolRecord;
  version: ToolVersionRecord;
  versionCreated: boolean;
}

export interface RegistrationResult {
  runId: string;
  tools: RegisteredTool[];
  conflictIds: string[];
  resolvedConflictIds: string[];
}

// Prisma's default interactive-transaction timeout is 5 s; a 1000-tool bulk registration does ~5 round trips per tool.
const REGISTRATION_TRANSACTION = { maxWait: 5_000, timeout: 60_000 };

export interface RemovalResult {
  tool: ToolRecord;
  resolvedConflictIds: string[];
  /** The other tools of the resolved conflicts: candidates for re-analysis. */
  counterpartIds: string[];
}

/** Placeholder for a tool id that does not exist yet (see {@link RegistrationWrite.conflicts}). */
export function pendingToolId(name: string): string {
  return `name:${name}`;
}

/** Registers tool versions and their analysis in ONE transaction: tools, versions, run, conflicts. */
@Injectable()
export class ToolRegistrationRepository {
  constructor(private readonly prisma: PrismaService) {}

  async register(write: RegistrationWrite): Promise<RegistrationResult> {
    return uniqueAsConflict(
      () => this.prisma.$transaction((tx) => this.registerIn(tx, write), REGISTRATION_TRANSACTION),
      'TOOL.CONCURRENT_UPDATE',
      'The tool was changed by another request at the same time; retry',
    );
  }

  /**
   * Stores versions as PENDING_ANALYSIS with a QUEUED REGISTRATION run, in one transaction, for the worker to
   * analyse (the approved version, if any, keeps being served meanwhile). Returns the run to enqueue.
   */
  async registerPending(write: PendingRegistrationWrite): Promise<{ runId: string; tools: RegisteredTool[] }> {
    return uniqueAsConflict(
      () => this.prisma.$transaction((tx) => this.registerPendingIn(tx, write), REGISTRATION_TRANSACTION),
      'TOOL.CONCURRENT_UPDATE',
      'The tool was changed by another request at the same time; retry',
    );
  }

  /** {@link registerPending} inside the caller's transaction (a sync stores its changes and gates in one). */
  async registerPendingIn(tx: Prisma.TransactionClient, write: PendingRegistrationWrite): Promise<{ runId: string; tools: RegisteredTool[] }> {
    const requester = write.requestedBy ? { requestedByType: write.requestedBy.type, requestedById: write.requestedBy.id } : {};
    const run = await tx.analysisRun.create({ data: { environmentId: write.environmentId, trigger: write.trigger ?? 'REGISTRATION', status: 'QUEUED', stages: write.stages, ...requester } });
    const scope = await auditScope(tx, write.environmentId, write.source ?? SYSTEM_SOURCE);
    const tools: RegisteredTool[] = [];
    for (const item of write.tools) tools.push(await this.saveVersion(tx, write, { ...item, status: 'PENDING_ANALYSIS' }, scope));
    return { runId: run.id, tools };
  }

  /**
   * Soft-deletes a tool: status REMOVED and `deletedAt`, versions and conflicts kept as history; its
   * unresolved conflicts are resolved. Returns the removed tool and the conflicts it resolved.
   */
  async remove(toolId: string, source: AuditSource = SYSTEM_SOURCE): Promise<RemovalResult> {
    return this.prisma.$transaction((tx) => this.removeIn(tx, toolId, source));
  }

  /** {@link remove} inside the caller's transaction; `details` are added to the `tool.deleted` entry (e.g. the sync run). */
  async removeIn(tx: Prisma.TransactionClient, toolId: string, source: AuditSource = SYSTEM_SOURCE, details: Record<string, unknown> = {}): Promise<RemovalResult> {
    const row = await tx.tool.update({ where: { id: toolId }, data: { status: 'REMOVED', deletedAt: new Date() }, include: TOOL_INCLUDE });
    const scope = await auditScope(tx, row.environmentId, source);
    await audit.append(tx, auditEntry(scope, 'tool.deleted', { type: 'tool', id: toolId }, { name: row.name, serverId: row.serverId, ...details }));
    const resolvedConflictIds = await resolveConflictsOf(tx, scope, [toolId]);
    const pairs = await tx.conflict.findMany({ where: { id: { in: resolvedConflictIds } }, select: { toolAId: true, toolBId: true } });
    const counterpartIds = [...new Set(pairs.map((p) => (p.toolAId === toolId ? p.toolBId : p.toolAId)))];
    return { tool: toToolRecord(row), resolvedConflictIds, counterpartIds };
  }

  private async registerIn(tx: Prisma.TransactionClient, write: RegistrationWrite): Promise<RegistrationResult> {
    const run = await tx.analysisRun.create({
      data: {
        environmentId: write.environmentId,
        trigger: write.run.trigger ?? 'REGISTRATION',
        status: 'COMPLETED',
        stages: write.run.stages,
        stageTimings: write.run.stageTimings,
        toolCount: write.run.toolCount,
        pairCount: write.run.pairCount,
        conflictCount: write.conflicts.length,
        startedAt: new Date(),
        finishedAt: new Date(),
      },
    });
    const scope = await auditScope(tx, write.environmentId, write.source ?? SYSTEM_SOURCE);
    const tools: RegisteredTool[] = [];
    const idByPlaceholder = new Map<string, string>();
    for (const item of write.tools) {
      const registered = await this.saveVersion(tx, write, item, scope);
      idByPlaceholder.set(pendingToolId(item.name), registered.tool.id);
      tools.push(registered);
    }
    const resolve = (id: string) => idByPlaceholder.get(id) ?? id;
    const conflicts = write.conflicts.map((c) => ({
      ...c,
      toolIds: [resolve(c.toolIds[0]), resolve(c.toolIds[1])] as [string, string],
      recommendations: c.recommendations.map((r) => ({ ...r, targetToolId: resolve(r.targetToolId) })),
    }));
    const sync = await syncConflicts(tx, { environmentId: write.environmentId, runId: run.id, subjectIds: tools.map((t) => t.tool.id), conflicts }, scope);
    return { runId: run.id, tools, conflictIds: sync.conflictIds, resolvedConflictIds: sync.resolvedIds };
  }

  private async saveVersion(tx: Prisma.TransactionClient, write: Pick<RegistrationWrite, 'environmentId' | 'serverId'> & { auditDetails?: Record<string, unknown> }, item: ToolVersionWrite, scope: AuditScope): Promise<RegisteredTool> {
    const key = { serverId_name: { serverId: write.serverId, name: item.name } };
    const existing = await tx.tool.findUnique({ where: key });
    const tool = existing ?? (await tx.tool.create({ data: { serverId: write.serverId, environmentId: write.environmentId, name: item.name } }));
    let version = await tx.toolVersion.findUnique({ where: { toolId_contentHash: { toolId: tool.id, contentHash: item.contentHash } } });
    const versionCreated = version === null;
    if (!version) {
      const { _max } = await tx.toolVersion.aggregate({ where: { toolId: tool.id }, _max: { version: true } });
      version = await tx.toolVersion.create({
        data: { toolId: tool.id, version: (_max.version ?? 0) + 1, contentHash: item.contentHash, definition: item.definition as Prisma.InputJsonObject, ...(item.findings ? { findings: item.findings as Prisma.InputJsonArray } : {}) },
      });
    } else if (item.findings) {
      // A version analysed again (re-registered after a change back, or re-activated): its findings are this analysis's.
      version = await tx.toolVersion.update({ where: { id: version.id }, data: { findings: item.findings as Prisma.InputJsonArray } });
    }
    const status = await gatedStatus(tx, version.id, item.status);
    const updated = await tx.tool.update({
      where: { id: tool.id },
      data: { currentVersionId: version.id, status, deletedAt: null, ...(status === 'ACTIVE' ? { approvedVersionId: version.id } : {}) },
      include: TOOL_INCLUDE,
    });
    // An identical re-registration of a live tool changes nothing and writes no entry.
    if (!existing || versionCreated || existing.status !== status || existing.deletedAt !== null || existing.currentVersionId !== version.id) {
      const details = { name: item.name, serverId: write.serverId, version: version.version, contentHash: item.contentHash, status, ...(existing ? { previousStatus: existing.status } : {}), ...write.auditDetails };
      await audit.append(tx, auditEntry(scope, existing ? 'tool.updated' : 'tool.registered', { type: 'tool', id: tool.id }, details));
    }
    return { tool: toToolRecord(updated), version: toVersionRecord(version), versionCreated };
  }
}

/** The audit scope of a change in `environmentId`: its organisation, read inside the transaction. */
async function auditScope(tx: Prisma.TransactionClient, environmentId: string, source: AuditSource): Promise<AuditScope> {
  const { organisationId } = await tx.environment.findUniqueOrThrow({ where: { id: environmentId }, select: { organisationId: true } });
  return { ...source, organisationId, environmentId };
}
