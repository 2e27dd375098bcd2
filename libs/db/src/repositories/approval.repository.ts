import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import type { ApprovalFilter, ApprovalOpen, ApprovalRecord, ApprovalStatusValue, DecisionResult } from './approval.types';
import { APPROVAL_INCLUDE, blockingConflictIds, toApprovalRecord } from './approval.mappers';
import { audit, auditEntry, type AuditSource, SYSTEM_SOURCE } from './audit-context';
import { pageArgs, toPage } from './pagination';
import type { Page, PageRequest, SeverityLevel } from './registry.types';

// Serialises openings per tool version, so two registrations of one blocked version open one request.
const OPEN_LOCK_CLASS = 7_420_002;

/** Approval requests of one organisation (scoped through their environment). */
@Injectable()
export class ApprovalRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Opens a PENDING request for a tool version, linking the tool's unresolved blocking conflicts, unless
   * one is already pending for that version (returned with `created: false`). Pending requests for the
   * tool's OTHER versions are superseded (EXPIRED, reason "superseded by version N"): only the version
   * the server lists now can be approved.
   */
  async open(input: ApprovalOpen, source: AuditSource = SYSTEM_SOURCE): Promise<{ approval: ApprovalRecord; created: boolean }> {
    const { id, created } = await this.prisma.$transaction((tx) => this.openIn(tx, input, source));
    return { approval: (await this.findById(input.organisationId, id))!, created };
  }

  /** {@link open} inside the caller's transaction (a sync opens its rug-pull gates with the versions it stores). */
  async openIn(tx: Prisma.TransactionClient, input: ApprovalOpen, source: AuditSource = SYSTEM_SOURCE): Promise<{ id: string; created: boolean }> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${OPEN_LOCK_CLASS}::int, hashtext(${input.toolVersionId}))`;
    const pending = await tx.approvalRequest.findFirst({ where: { toolVersionId: input.toolVersionId, status: 'PENDING' }, select: { id: true } });
    if (pending) return { id: pending.id, created: false };
    const version = await tx.toolVersion.findUniqueOrThrow({ where: { id: input.toolVersionId }, select: { toolId: true, version: true } });
    const conflictIds = await blockingConflictIds(tx, input.environmentId, version.toolId, input.blockingSeverities);
    const now = new Date();
    const row = await tx.approvalRequest.create({
      data: {
        environmentId: input.environmentId,
        toolVersionId: input.toolVersionId,
        requesterType: input.requester.type,
        requesterId: input.requester.id,
        expiresAt: new Date(now.getTime() + input.ttlSeconds * 1000),
        kind: input.kind ?? 'CONFLICTS',
        ...(input.definitionChange ? { definitionChange: input.definitionChange as unknown as Prisma.InputJsonObject } : {}),
        conflicts: { create: conflictIds.map((conflictId) => ({ conflictId })) },
      },
      select: { id: true },
    });
    const superseded = await tx.approvalRequest.findMany({
      where: { status: 'PENDING', toolVersion: { toolId: version.toolId }, id: { not: row.id } },
      select: { id: true },
    });
    for (const old of superseded) {
      await tx.approvalRequest.update({ where: { id: old.id }, data: { status: 'EXPIRED', reason: `superseded by version ${version.version}`, decidedAt: now } });
      await this.log(tx, input, source, 'approval.expired', old.id, { supersededBy: row.id, version: version.version });
    }
    await this.log(tx, input, source, 'approval.requested', row.id, { toolVersionId: input.toolVersionId, toolId: version.toolId, conflictIds, ...(input.kind === 'DEFINITION_CHANGE' ? { kind: input.kind } : {}), ...input.auditDetails });
    return { id: row.id, created: true };
  }

  async findById(organisationId: string, id: string): Promise<ApprovalRecord | undefined> {
    const row = await this.prisma.approvalRequest.findFirst({ where: { id, environment: { organisationId } }, include: APPROVAL_INCLUDE });
    return row ? toApprovalRecord(row) : undefined;
  }

  async list(organisationId: string, filter: ApprovalFilter, page: PageRequest): Promise<Page<ApprovalRecord>> {
    const args = pageArgs(page);
    const where = { ...args.where, environment: { organisationId }, ...(filter.status ? { status: filter.status } : {}), ...(filter.environmentId ? { environmentId: filter.environmentId } : {}) };
    const rows = await this.prisma.approvalRequest.findMany({ ...args, where, include: APPROVAL_INCLUDE });
    return toPage(rows, page, toApprovalRecord);
  }

  /**
   * Approves or rejects a PENDING, unexpired request for the tool's current version. The status change
   * is a conditional update (`WHERE status = 'PENDING'`): of two concurrent decisions exactly one
   * changes a row, the other sees `already_decided`. Approval makes the version the tool's approved
   * one and the tool ACTIVE; rejection makes the tool REJECTED. Same transaction as its audit entry.
   */
  async decide(
    organisationId: string,
    id: string,
    decision: { status: 'APPROVED' | 'REJECTED'; decider: { type: 'USER' | 'API_KEY' | 'SYSTEM'; id: string | null }; reason: string; blockingSeverities: SeverityLevel[] },
    source: AuditSource = SYSTEM_SOURCE,
  ): Promise<DecisionResult> {
    const result = await this.prisma.$transaction(async (tx): Promise<DecisionResult | { outcome: 'won'; changed: { added: string[]; gone: string[] } }> => {
      const row = await tx.approvalRequest.findFirst({
        where: { id, environment: { organisationId } },
        select: { status: true, expiresAt: true, environmentId: true, toolVersionId: true, toolVersion: { select: { toolId: true, tool: { select: { currentVersionId: true, deletedAt: true } } } }, conflicts: { select: { conflictId: true } } },
      });
      if (!row) return { outcome: 'not_found' };
      if (row.status !== 'PENDING') return { outcome: 'already_decided', status: row.status };
      const scope = { organisationId, environmentId: row.environmentId };
      const now = new Date();
      if (row.expiresAt <= now) {
        if (await this.expireIfPending(tx, id, now, null)) await this.log(tx, scope, SYSTEM_SOURCE, 'approval.expired', id, { expiresAt: row.expiresAt.toISOString() });
        return { outcome: 'expired' };
      }
      const toolId = row.toolVersion.toolId;
      if (row.toolVersion.tool.deletedAt) {
        if (await this.expireIfPending(tx, id, now, 'tool removed')) await this.log(tx, scope, SYSTEM_SOURCE, 'approval.expired', id, { toolRemoved: toolId });
        return { outcome: 'tool_removed' };
      }
      const currentVersionId = row.toolVersion.tool.currentVersionId;
      if (currentVersionId !== row.toolVersionId) {
        if (await this.expireIfPending(tx, id, now, 'superseded by a newer version')) await this.log(tx, scope, SYSTEM_SOURCE, 'approval.expired', id, { supersededBy: currentVersionId });
        return { outcome: 'superseded', currentVersionId };
      }
      const { count } = await tx.approvalRequest.updateMany({
        where: { id, status: 'PENDING' },
        data: { status: decision.status, deciderType: decision.decider.type, deciderId: decision.decider.id, reason: decision.reason, decidedAt: now },
      });
      if (count === 0) {
        const after = await tx.approvalRequest.findUniqueOrThrow({ where: { id }, select: { status: true } });
        return { outcome: 'already_decided', status: after.status };
      }
      await tx.tool.update({
        where: { id: toolId },
        data: decision.status === 'APPROVED' ? { status: 'ACTIVE', approvedVersionId: row.toolVersionId } : { status: 'REJECTED' },
      });
      // Re-check: are the blocking conflicts still the ones that were reviewed?
      const reviewed = new Set(row.conflicts.map((c) => c.conflictId));
      const current = new Set(await blockingConflictIds(tx, row.environmentId, toolId, decision.blockingSeverities));
      const changed = { added: [...current].filter((c) => !reviewed.has(c)), gone: [...reviewed].filter((c) => !current.has(c)) };
      const action = decision.status === 'APPROVED' ? 'approval.approved' : 'approval.rejected';
      await this.log(tx, scope, source, action, id, { toolId, toolVersionId: row.toolVersionId, reason: decision.reason, registryChanged: changed });
      return { outcome: 'won', changed };
    });
    if (result.outcome !== 'won') return result;
    return { outcome: 'decided', approval: (await this.findById(organisationId, id))!, changed: result.changed };
  }

  /** Expires PENDING requests past their expiry, each exactly once (conditional update), with its audit entry. */
  async expireDue(now: Date, limit = 500): Promise<number> {
    const due = await this.prisma.approvalRequest.findMany({
      where: { status: 'PENDING', expiresAt: { lte: now } },
      select: { id: true, environmentId: true, expiresAt: true, environment: { select: { organisationId: true } } },
      orderBy: { expiresAt: 'asc' },
      take: limit,
    });
    let expired = 0;
    for (const request of due) {
      const scope = { organisationId: request.environment.organisationId, environmentId: request.environmentId };
      expired += await this.prisma.$transaction(async (tx) => {
        if (!(await this.expireIfPending(tx, request.id, now, null))) return 0;
        await this.log(tx, scope, SYSTEM_SOURCE, 'approval.expired', request.id, { expiresAt: request.expiresAt.toISOString() });
        return 1;
      });
    }
    return expired;
  }

  private async expireIfPending(tx: Prisma.TransactionClient, id: string, now: Date, reason: string | null): Promise<boolean> {
    const { count } = await tx.approvalRequest.updateMany({ where: { id, status: 'PENDING' }, data: { status: 'EXPIRED' satisfies ApprovalStatusValue, decidedAt: now, ...(reason ? { reason } : {}) } });
    return count === 1;
  }

  private async log(
    tx: Prisma.TransactionClient,
    scope: { organisationId: string; environmentId: string },
    source: AuditSource,
    action: 'approval.requested' | 'approval.approved' | 'approval.rejected' | 'approval.expired',
    id: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await audit.append(tx, auditEntry({ ...source, ...scope }, action, { type: 'approval_request', id }, details));
  }
}
