import { Injectable } from '@nestjs/common';
import { ConflictError, DomainError, NotFoundError } from '@toolgate/config';
import { ApprovalRepository, type EnvironmentRecord, type Page, type SeverityLevel, ToolRepository } from '@toolgate/db';
import { assertCan } from '../auth/access-policy';
import { auditSource } from '../auth/audit-source';
import { EnvironmentsService } from '../environments/environments.service';
import { NotificationQueueService } from '../notifications/notification-queue.service';
import type { RequestContext } from '../registry/request-context';
import type { ApprovalListQuery, OpenApprovalRequest } from './approval.request';
import { type ApprovalResponse, type DecisionResponse, toApprovalResponse } from './approval.response';

const ASCENDING: SeverityLevel[] = ['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/** The severities that block in `env`: its policy's blockingSeverity and above. */
export function blockingSeverities(env: EnvironmentRecord): SeverityLevel[] {
  return ASCENDING.slice(ASCENDING.indexOf(env.policy.blockingSeverity));
}

/** A registered tool as the registration path reports it. */
export interface RegisteredTool {
  tool: { id: string; status: string };
  version: { id: string };
  outcome: string;
}

/**
 * Approval requests: opened automatically when registration leaves a new version BLOCKED, or by hand
 * (developer+); decided by a reviewer+ who is not the requester. Role checks are made here as well
 * as at the HTTP layer (docs/security.md).
 */
@Injectable()
export class ApprovalsService {
  constructor(
    private readonly approvals: ApprovalRepository,
    private readonly environments: EnvironmentsService,
    private readonly tools: ToolRepository,
    private readonly notifications: NotificationQueueService,
  ) {}

  /** Opens a request for every newly stored version the analysis BLOCKED; the registering actor is the requester. */
  async openForBlocked(ctx: RequestContext, env: EnvironmentRecord, items: readonly RegisteredTool[]): Promise<void> {
    for (const item of items) {
      if (item.outcome === 'unchanged' || item.tool.status !== 'BLOCKED') continue;
      const { approval, created } = await this.approvals.open(
        { organisationId: ctx.organisationId, environmentId: env.id, toolVersionId: item.version.id, requester: ctx.actor, ttlSeconds: env.policy.approvalTtlSeconds, blockingSeverities: blockingSeverities(env) },
        auditSource(ctx),
      );
      if (created) await this.notifications.emit({ type: 'approval.requested', approvalId: approval.id });
    }
  }

  /** A request by hand for a BLOCKED tool's current version; an already pending one is returned as is. */
  async open(ctx: RequestContext, request: OpenApprovalRequest): Promise<{ approval: ApprovalResponse; created: boolean }> {
    assertCan(ctx.actor, 'approval.request');
    const tool = await this.tools.findById(ctx.organisationId, request.toolId);
    if (!tool || tool.deletedAt) throw new NotFoundError('TOOL.NOT_FOUND', `Tool ${request.toolId} not found`, { toolId: request.toolId });
    if (tool.status !== 'BLOCKED' || !tool.currentVersion) {
      throw new DomainError('rule_violation', 'APPROVAL.NOT_BLOCKED', `Tool ${tool.name} is ${tool.status}: only a BLOCKED tool needs approval`, { toolId: tool.id, status: tool.status });
    }
    const env = await this.environments.resolve(ctx, tool.environmentId);
    const { approval, created } = await this.approvals.open(
      { organisationId: ctx.organisationId, environmentId: env.id, toolVersionId: tool.currentVersion.id, requester: ctx.actor, ttlSeconds: env.policy.approvalTtlSeconds, blockingSeverities: blockingSeverities(env) },
      auditSource(ctx),
    );
    if (created) await this.notifications.emit({ type: 'approval.requested', approvalId: approval.id });
    return { approval: toApprovalResponse(approval), created };
  }

  async list(ctx: RequestContext, query: ApprovalListQuery): Promise<Page<ApprovalResponse>> {
    const environmentId = query.environment ? (await this.environments.resolve(ctx, query.environment)).id : undefined;
    const page = await this.approvals.list(ctx.organisationId, { status: query.status, environmentId }, { limit: query.limit, cursor: query.cursor });
    return { items: page.items.map(toApprovalResponse), nextCursor: page.nextCursor };
  }

  async get(ctx: RequestContext, id: string): Promise<ApprovalResponse> {
    const approval = await this.approvals.findById(ctx.organisationId, id);
    if (!approval) throw notFound(id);
    return toApprovalResponse(approval);
  }

  approve(ctx: RequestContext, id: string, reason: string): Promise<DecisionResponse> {
    return this.decide(ctx, id, 'APPROVED', reason);
  }

  reject(ctx: RequestContext, id: string, reason: string): Promise<DecisionResponse> {
    return this.decide(ctx, id, 'REJECTED', reason);
  }

  private async decide(ctx: RequestContext, id: string, status: 'APPROVED' | 'REJECTED', reason: string): Promise<DecisionResponse> {
    assertCan(ctx.actor, 'approval.decide');
    const approval = await this.approvals.findById(ctx.organisationId, id);
    if (!approval) throw notFound(id);
    // Four eyes: whoever asked (the registering developer, key or pipeline) cannot let their own tool through.
    if (status === 'APPROVED' && approval.requester.type === ctx.actor.type && approval.requester.id === ctx.actor.id) {
      throw new DomainError('rule_violation', 'APPROVAL.SELF_APPROVAL', 'The requester may not approve their own request', { approvalId: id });
    }
    const env = await this.environments.resolve(ctx, approval.environmentId);
    const result = await this.approvals.decide(ctx.organisationId, id, { status, decider: ctx.actor, reason, blockingSeverities: blockingSeverities(env) }, auditSource(ctx));
    switch (result.outcome) {
      case 'decided': {
        // PagerDuty resolve for the request's incident, a message elsewhere; queued after the commit, never inline.
        await this.notifications.emit({ type: 'approval.decided', approvalId: id });
        const { added, gone } = result.changed;
        return { ...toApprovalResponse(result.approval), registryChanged: added.length + gone.length > 0, changes: result.changed };
      }
      case 'not_found':
        throw notFound(id);
      case 'already_decided':
        throw new ConflictError('APPROVAL.ALREADY_DECIDED', `The request is already ${result.status}`, { approvalId: id, status: result.status });
      case 'expired':
        throw new ConflictError('APPROVAL.EXPIRED', 'The request expired and can no longer be decided', { approvalId: id });
      case 'tool_removed':
        throw new ConflictError('APPROVAL.TOOL_REMOVED', 'The tool was removed; the request can no longer be decided', { approvalId: id });
      case 'superseded':
        throw new ConflictError('APPROVAL.SUPERSEDED', 'A newer version of the tool was registered; decide its request instead', { approvalId: id, currentVersionId: result.currentVersionId });
    }
  }
}

const notFound = (id: string) => new NotFoundError('APPROVAL.NOT_FOUND', `Approval request ${id} not found`, { approvalId: id });
