import { Injectable } from '@nestjs/common';
import { ConflictError, DomainError, NotFoundError } from '@toolgate/config';
import { ConflictRepository, type Page, REGISTRY_STATUSES, ToolRepository } from '@toolgate/db';
import { assertCan } from '../auth/access-policy';
import { auditSource } from '../auth/audit-source';
import { EnvironmentsService } from '../environments/environments.service';
import { NotificationQueueService } from '../notifications/notification-queue.service';
import type { RequestContext } from '../registry/request-context';
import { allowedTransitions, canTransition } from './conflict-transitions';
import type { ConflictListQuery, UpdateConflictRequest } from './conflict.request';
import { type ConflictDetailResponse, type ConflictResponse, toConflictDetailResponse, toConflictResponse } from './conflict.response';
import { healthScore } from './registry-health';
import type { RegistryHealthResponse } from './registry-health.response';

@Injectable()
export class ConflictsService {
  constructor(
    private readonly environments: EnvironmentsService,
    private readonly conflicts: ConflictRepository,
    private readonly tools: ToolRepository,
    private readonly notifications: NotificationQueueService,
  ) {}

  async list(ctx: RequestContext, envRef: string, query: ConflictListQuery): Promise<Page<ConflictResponse>> {
    // A short-lived lookup: the listing needs only the environment's id (EnvironmentsService.resolveForListing).
    const env = await this.environments.resolveForListing(ctx, envRef);
    const filter = { severity: query.severity, status: query.status, toolId: query.tool };
    const page = await this.conflicts.list(env.id, filter, { limit: query.limit, cursor: query.cursor });
    return { items: page.items.map(toConflictResponse), nextCursor: page.nextCursor };
  }

  async get(ctx: RequestContext, id: string): Promise<ConflictDetailResponse> {
    return toConflictDetailResponse(await this.find(ctx, id));
  }

  /** A person's status change; `CONFLICT.INVALID_TRANSITION` (422) when the move is not allowed from the current status. */
  async update(ctx: RequestContext, id: string, request: UpdateConflictRequest): Promise<ConflictDetailResponse> {
    const conflict = await this.find(ctx, id);
    // Suppressing a CRITICAL conflict hides the worst finding there is: reviewer+, whoever calls this service.
    if (request.status === 'SUPPRESSED' && conflict.severity === 'CRITICAL') assertCan(ctx.actor, 'conflict.suppress-critical');
    if (!canTransition(conflict.status, request.status)) {
      throw new DomainError('rule_violation', 'CONFLICT.INVALID_TRANSITION', `A ${conflict.status} conflict cannot become ${request.status}`, {
        from: conflict.status,
        to: request.status,
        allowed: allowedTransitions(conflict.status),
      });
    }
    const changed = await this.conflicts.changeStatus(conflict.id, conflict.status, {
      status: request.status,
      suppressionReason: request.status === 'SUPPRESSED' ? (request.reason ?? null) : null,
      resolvedAt: request.status === 'RESOLVED' ? new Date() : null,
    }, auditSource(ctx));
    if (!changed) throw new ConflictError('CONFLICT.CONCURRENT_UPDATE', 'The conflict changed while this request was processed; reload and retry', { conflictId: id });
    // PagerDuty resolve (and a message) on the channels that announced it; queued, never inline.
    if (request.status === 'RESOLVED') await this.notifications.emit({ type: 'conflict.resolved', conflictId: conflict.id });
    return this.get(ctx, id);
  }

  async health(ctx: RequestContext, envRef: string): Promise<RegistryHealthResponse> {
    const env = await this.environments.resolve(ctx, envRef);
    const [toolCounts, conflictCounts] = await Promise.all([this.tools.countByStatus(env.id), this.conflicts.counts(env.id)]);
    const registry = REGISTRY_STATUSES.reduce((sum, status) => sum + (toolCounts[status] ?? 0), 0);
    const unresolved = Object.values(conflictCounts.unresolvedBySeverity).reduce((sum, n) => sum + n, 0);
    return {
      score: healthScore(conflictCounts.unresolvedBySeverity, registry),
      tools: { registry, byStatus: toolCounts },
      conflicts: { unresolved, unresolvedBySeverity: conflictCounts.unresolvedBySeverity, byStatus: conflictCounts.byStatus },
    };
  }

  private async find(ctx: RequestContext, id: string) {
    const conflict = await this.conflicts.findById(ctx.organisationId, id);
    if (!conflict) throw new NotFoundError('CONFLICT.NOT_FOUND', `Conflict ${id} not found`, { conflictId: id });
    return conflict;
  }
}
