import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { type ConflictWrite, resolveConflictsOf, syncConflicts } from './conflict-sync';
import { uniqueAsConflict } from './prisma-errors';
import { TOOL_INCLUDE, toToolRecord, toVersionRecord } from './registry.mappers';
import type { StageLevel, ToolRecord, ToolVersionRecord } from './registry.types';

export interface ToolVersionWrite {
  name: string;
  /** SHA-256 hex of the canonical definition: equal hashes share one version. */
  contentHash: string;
  definition: Record<string, unknown>;
  /** The outcome of the analysis: ACTIVE also makes this version the approved one. */
  status: 'ACTIVE' | 'BLOCKED';
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
   * Soft-deletes a tool: status REMOVED and `deletedAt`, versions and conflicts kept as history; its
   * unresolved conflicts are resolved. Returns the removed tool and the conflicts it resolved.
   */
  async remove(toolId: string): Promise<RemovalResult> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.tool.update({ where: { id: toolId }, data: { status: 'REMOVED', deletedAt: new Date() }, include: TOOL_INCLUDE });
      const resolvedConflictIds = await resolveConflictsOf(tx, row.environmentId, [toolId]);
      const pairs = await tx.conflict.findMany({ where: { id: { in: resolvedConflictIds } }, select: { toolAId: true, toolBId: true } });
      const counterpartIds = [...new Set(pairs.map((p) => (p.toolAId === toolId ? p.toolBId : p.toolAId)))];
      return { tool: toToolRecord(row), resolvedConflictIds, counterpartIds };
    });
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
    const tools: RegisteredTool[] = [];
    const idByPlaceholder = new Map<string, string>();
    for (const item of write.tools) {
      const registered = await this.saveVersion(tx, write, item);
      idByPlaceholder.set(pendingToolId(item.name), registered.tool.id);
      tools.push(registered);
    }
    const resolve = (id: string) => idByPlaceholder.get(id) ?? id;
    const conflicts = write.conflicts.map((c) => ({
      ...c,
      toolIds: [resolve(c.toolIds[0]), resolve(c.toolIds[1])] as [string, string],
      recommendations: c.recommendations.map((r) => ({ ...r, targetToolId: resolve(r.targetToolId) })),
    }));
    const sync = await syncConflicts(tx, { environmentId: write.environmentId, runId: run.id, subjectIds: tools.map((t) => t.tool.id), conflicts });
    return { runId: run.id, tools, conflictIds: sync.conflictIds, resolvedConflictIds: sync.resolvedIds };
  }

  private async saveVersion(tx: Prisma.TransactionClient, write: RegistrationWrite, item: ToolVersionWrite): Promise<RegisteredTool> {
    const key = { serverId_name: { serverId: write.serverId, name: item.name } };
    const tool = (await tx.tool.findUnique({ where: key })) ?? (await tx.tool.create({ data: { serverId: write.serverId, environmentId: write.environmentId, name: item.name } }));
    let version = await tx.toolVersion.findUnique({ where: { toolId_contentHash: { toolId: tool.id, contentHash: item.contentHash } } });
    const versionCreated = version === null;
    if (!version) {
      const { _max } = await tx.toolVersion.aggregate({ where: { toolId: tool.id }, _max: { version: true } });
      version = await tx.toolVersion.create({
        data: { toolId: tool.id, version: (_max.version ?? 0) + 1, contentHash: item.contentHash, definition: item.definition as Prisma.InputJsonObject },
      });
    }
    const updated = await tx.tool.update({
      where: { id: tool.id },
      data: { currentVersionId: version.id, status: item.status, deletedAt: null, ...(item.status === 'ACTIVE' ? { approvedVersionId: version.id } : {}) },
      include: TOOL_INCLUDE,
    });
    return { tool: toToolRecord(updated), version: toVersionRecord(version), versionCreated };
  }
}
