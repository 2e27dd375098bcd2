import { Injectable } from '@nestjs/common';
import type { Prisma, SyncRun } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { ApprovalRepository } from './approval.repository';
import type { ApprovalActorRef, DefinitionChange } from './approval.types';
import { audit, auditEntry, type AuditScope, SYSTEM_SOURCE } from './audit-context';
import { pageArgs, toPage } from './pagination';
import { toEnvironmentRecord, toServerRecord } from './registry.mappers';
import type { Page, PageRequest, SeverityLevel, StageLevel } from './registry.types';
import type { ServerForSync } from './server.repository';
import { ToolRegistrationRepository } from './tool-registration.repository';

export type SyncTriggerValue = 'MANUAL' | 'SCHEDULE' | 'REGISTRATION';
export type SyncStatusValue = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';

export interface SyncRunRecord {
  id: string;
  serverId: string;
  trigger: SyncTriggerValue;
  status: SyncStatusValue;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  error: string | null;
  serverInfo: Record<string, unknown> | null;
  /** The analysis run deciding the versions this sync added or changed; null when nothing changed. */
  analysisRunId: string | null;
  requestedBy: ApprovalActorRef;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** A server's tool as the sync diff needs it. */
export interface SyncRegistryTool {
  id: string;
  name: string;
  deleted: boolean;
  currentHash: string | null;
  approved: { id: string; version: number; contentHash: string; definition: Record<string, unknown> } | null;
}

/** What a successful listing changes, computed by the sync use case from the diff; applied atomically. */
export interface SyncApply {
  serverInfo: Record<string, unknown>;
  /** ADDED and CHANGED tools (and revived ones): stored PENDING_ANALYSIS for the analysis queue. */
  upserts: Array<{ name: string; contentHash: string; definition: Record<string, unknown>; kind: 'added' | 'changed'; gate?: DefinitionChange }>;
  /** Tools the server no longer lists: soft-deleted (REMOVED), history kept. */
  removals: Array<{ toolId: string; name: string }>;
  unchanged: number;
  stages: StageLevel[];
  ttlSeconds: number;
  blockingSeverities: SeverityLevel[];
}

// A large server's first sync stores hundreds of versions; Prisma's default 5 s would cut it off.
const APPLY_TRANSACTION = { maxWait: 10_000, timeout: 120_000 };

/** Sync runs: created QUEUED by the API (manual) or the worker (schedule), driven by the worker. */
@Injectable()
export class SyncRunRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly registration: ToolRegistrationRepository,
    private readonly approvals: ApprovalRepository,
  ) {}

  async create(serverId: string, trigger: SyncTriggerValue, requestedBy?: ApprovalActorRef): Promise<SyncRunRecord> {
    const requester = requestedBy ? { requestedByType: requestedBy.type, requestedById: requestedBy.id } : {};
    return toSyncRunRecord(await this.prisma.syncRun.create({ data: { serverId, trigger, ...requester } }));
  }

  /** A run of one of the organisation's servers (another tenant's run is undefined). */
  async findById(organisationId: string, id: string): Promise<SyncRunRecord | undefined> {
    const row = await this.prisma.syncRun.findFirst({ where: { id, server: { environment: { organisationId } } } });
    return row ? toSyncRunRecord(row) : undefined;
  }

  /** A server's runs, newest first. */
  async listForServer(serverId: string, page: PageRequest): Promise<Page<SyncRunRecord>> {
    const args = pageArgs(page);
    const rows = await this.prisma.syncRun.findMany({ where: { serverId, ...(page.cursor ? { id: { lt: page.cursor } } : {}) }, orderBy: { id: 'desc' }, take: args.take });
    return toPage(rows, page, toSyncRunRecord);
  }

  /** The server's tools (removed ones included) with their current hash and approved (pinned) version, for the diff. */
  async serverTools(serverId: string): Promise<SyncRegistryTool[]> {
    const rows = await this.prisma.tool.findMany({
      where: { serverId },
      select: { id: true, name: true, deletedAt: true, currentVersion: { select: { contentHash: true } }, approvedVersion: { select: { id: true, version: true, contentHash: true, definition: true } } },
      orderBy: { id: 'asc' },
    });
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      deleted: r.deletedAt !== null,
      currentHash: r.currentVersion?.contentHash ?? null,
      approved: r.approvedVersion ? { ...r.approvedVersion, definition: r.approvedVersion.definition as Record<string, unknown> } : null,
    }));
  }

  /** True when the server has a QUEUED or RUNNING run (a scheduled tick then adds none). */
  async hasActive(serverId: string): Promise<boolean> {
    return (await this.prisma.syncRun.count({ where: { serverId, status: { in: ['QUEUED', 'RUNNING'] } } })) > 0;
  }

  /**
   * Marks the run RUNNING (again on a retry) and returns it with its server; undefined when the run or the
   * server is gone, or the run already finished (COMPLETED, or FAILED for good).
   */
  async start(id: string): Promise<{ run: SyncRunRecord; target: ServerForSync } | undefined> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.syncRun.findUnique({ where: { id }, include: { server: { include: { environment: true } } } });
      if (!row || row.status === 'COMPLETED') return undefined;
      const { count } = await tx.syncRun.updateMany({ where: { id, status: { not: 'COMPLETED' } }, data: { status: 'RUNNING', startedAt: new Date(), finishedAt: null, error: null } });
      if (count === 0) return undefined;
      await tx.mcpServer.update({ where: { id: row.serverId }, data: { lastSyncStatus: 'RUNNING' } });
      const run = toSyncRunRecord(await tx.syncRun.findUniqueOrThrow({ where: { id } }));
      const scope = scopeOf(row.server.environment.organisationId, row.server.environmentId);
      await audit.append(tx, auditEntry(scope, 'sync.started', { type: 'sync_run', id }, { serverId: row.serverId, server: row.server.name, trigger: row.trigger, retry: row.status !== 'QUEUED' }));
      const { server } = row;
      const target: ServerForSync = { server: toServerRecord(server), environment: toEnvironmentRecord(server.environment), secretsEncrypted: server.secretsEncrypted ? Buffer.from(server.secretsEncrypted) : null };
      return { run, target };
    });
  }

  /** FAILED with the reason, on the run and the server; nothing else changes (a failure is never "all removed"). */
  async fail(id: string, error: string, details: Record<string, unknown> = {}): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const now = new Date();
      const { count } = await tx.syncRun.updateMany({ where: { id, status: { not: 'COMPLETED' } }, data: { status: 'FAILED', error: error.slice(0, 2000), finishedAt: now } });
      if (count === 0) return false;
      const run = await tx.syncRun.findUniqueOrThrow({ where: { id }, include: { server: { include: { environment: { select: { organisationId: true } } } } } });
      await tx.mcpServer.update({ where: { id: run.serverId }, data: { lastSyncAt: now, lastSyncStatus: 'FAILED', lastSyncError: error.slice(0, 2000) } });
      const scope = scopeOf(run.server.environment.organisationId, run.server.environmentId);
      await audit.append(tx, { ...auditEntry(scope, 'sync.failed', { type: 'sync_run', id }, { serverId: run.serverId, server: run.server.name, error: error.slice(0, 500), ...details }), outcome: 'failure' });
      return true;
    });
  }

  /**
   * Applies a complete listing's diff in ONE transaction: added/changed versions stored PENDING_ANALYSIS with a
   * QUEUED SYNC analysis run, a DEFINITION_CHANGE approval request for every gated version, removals, the run
   * COMPLETED with its counts, the server's last sync. Returns the analysis run to enqueue (null: nothing to analyse).
   */
  async apply(id: string, plan: SyncApply): Promise<{ run: SyncRunRecord; analysisRunId: string | null; versionIds: string[]; gated: Array<{ toolId: string; versionId: string }> }> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.syncRun.findUniqueOrThrow({ where: { id }, include: { server: { include: { environment: { select: { organisationId: true } } } } } });
      const { server } = row;
      const requester: ApprovalActorRef = { type: row.requestedByType, id: row.requestedById };
      const scope = scopeOf(server.environment.organisationId, server.environmentId);
      let analysisRunId: string | null = null;
      let versionIds: string[] = [];
      const gated: Array<{ name: string; toolId: string; versionId: string }> = [];
      if (plan.upserts.length > 0) {
        const written = await this.registration.registerPendingIn(tx, {
          environmentId: server.environmentId,
          serverId: server.id,
          stages: plan.stages,
          trigger: 'SYNC',
          requestedBy: requester,
          auditDetails: { syncRunId: id },
          tools: plan.upserts.map(({ name, contentHash, definition }) => ({ name, contentHash, definition })),
        });
        analysisRunId = written.runId;
        versionIds = written.tools.map((t) => t.version.id);
        const byName = new Map(written.tools.map((t) => [t.tool.name, t]));
        for (const upsert of plan.upserts) {
          if (!upsert.gate) continue;
          const saved = byName.get(upsert.name)!;
          await this.approvals.openIn(tx, {
            organisationId: server.environment.organisationId,
            environmentId: server.environmentId,
            toolVersionId: saved.version.id,
            requester,
            ttlSeconds: plan.ttlSeconds,
            blockingSeverities: plan.blockingSeverities,
            kind: 'DEFINITION_CHANGE',
            definitionChange: upsert.gate,
            auditDetails: { serverId: server.id, syncRunId: id },
          });
          // The gated version is held BLOCKED now (not PENDING_ANALYSIS): the pinned approved version keeps being served.
          await tx.tool.update({ where: { id: saved.tool.id }, data: { status: 'BLOCKED' } });
          gated.push({ name: upsert.name, toolId: saved.tool.id, versionId: saved.version.id });
        }
      }
      for (const removal of plan.removals) await this.registration.removeIn(tx, removal.toolId, SYSTEM_SOURCE, { syncRunId: id });
      const counts = {
        added: plan.upserts.filter((u) => u.kind === 'added').length,
        changed: plan.upserts.filter((u) => u.kind === 'changed').length,
        removed: plan.removals.length,
        unchanged: plan.unchanged,
      };
      const now = new Date();
      const updated = await tx.syncRun.update({ where: { id }, data: { status: 'COMPLETED', ...counts, serverInfo: plan.serverInfo as Prisma.InputJsonObject, analysisRunId, finishedAt: now, error: null } });
      await tx.mcpServer.update({ where: { id: server.id }, data: { lastSyncAt: now, lastSyncStatus: 'COMPLETED', lastSyncError: null } });
      const details = { serverId: server.id, server: server.name, ...counts, gated: gated.map((g) => g.name), removedTools: plan.removals.map((r) => r.name), analysisRunId, serverName: plan.serverInfo['name'] ?? null, serverVersion: plan.serverInfo['version'] ?? null };
      await audit.append(tx, auditEntry(scope, 'sync.completed', { type: 'sync_run', id }, details));
      return { run: toSyncRunRecord(updated), analysisRunId, versionIds, gated: gated.map(({ toolId, versionId }) => ({ toolId, versionId })) };
    }, APPLY_TRANSACTION);
  }
}

function scopeOf(organisationId: string, environmentId: string): AuditScope {
  return { ...SYSTEM_SOURCE, organisationId, environmentId };
}

function toSyncRunRecord(row: SyncRun): SyncRunRecord {
  return {
    id: row.id,
    serverId: row.serverId,
    trigger: row.trigger,
    status: row.status,
    added: row.added,
    changed: row.changed,
    removed: row.removed,
    unchanged: row.unchanged,
    error: row.error,
    serverInfo: (row.serverInfo as Record<string, unknown> | null) ?? null,
    analysisRunId: row.analysisRunId,
    requestedBy: { type: row.requestedByType, id: row.requestedById },
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}
