import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@toolgate/config';
import { type Page, ToolRegistrationRepository, ToolRepository } from '@toolgate/db';
import { auditSource } from '../auth/audit-source';
import { EnvironmentsService } from '../environments/environments.service';
import { NotificationQueueService } from '../notifications/notification-queue.service';
import type { RequestContext } from '../registry/request-context';
import { ToolReanalysisService } from './tool-reanalysis.service';
import type { ToolListQuery } from './tool.request';
import { type RemovedToolResponse, type ToolDetailResponse, type ToolResponse, toToolResponse, toVersionResponse } from './tool.response';

/** Reading and removing tools. Registration lives in ToolRegistrationService. */
@Injectable()
export class ToolsService {
  constructor(
    private readonly environments: EnvironmentsService,
    private readonly tools: ToolRepository,
    private readonly registration: ToolRegistrationRepository,
    private readonly reanalysis: ToolReanalysisService,
    private readonly notifications: NotificationQueueService,
  ) {}

  async list(ctx: RequestContext, envRef: string, query: ToolListQuery): Promise<Page<ToolResponse>> {
    const env = await this.environments.resolve(ctx, envRef);
    const filter = { serverName: query.server, status: query.status, nameContains: query.name };
    const page = await this.tools.list(env.id, filter, { limit: query.limit, cursor: query.cursor });
    return { items: page.items.map(toToolResponse), nextCursor: page.nextCursor };
  }

  async get(ctx: RequestContext, id: string): Promise<ToolDetailResponse> {
    const tool = await this.find(ctx, id);
    const versions = await this.tools.versions(tool.id);
    return { ...toToolResponse(tool), versions: versions.map(toVersionResponse) };
  }

  /**
   * Soft delete, then re-analysis of the tools it was blocking. Removing a removed tool is a no-op that
   * returns it unchanged.
   */
  async remove(ctx: RequestContext, id: string): Promise<RemovedToolResponse> {
    const tool = await this.find(ctx, id);
    if (tool.deletedAt !== null) return { tool: toToolResponse(tool), resolvedConflictIds: [], reanalysedTools: [] };
    const removed = await this.registration.remove(tool.id, auditSource(ctx));
    // After the removal committed: a failed re-analysis leaves tools BLOCKED (safe), never the removal undone.
    const env = await this.environments.resolve(ctx, removed.tool.environmentId);
    const reanalysedTools = await this.reanalysis.reanalyseBlocked(env, removed.counterpartIds);
    // Conflicts the removal resolved: PagerDuty resolve (and a message) where they were announced; queued, never inline.
    for (const conflictId of removed.resolvedConflictIds) await this.notifications.emit({ type: 'conflict.resolved', conflictId });
    return { tool: toToolResponse(removed.tool), resolvedConflictIds: removed.resolvedConflictIds, reanalysedTools };
  }

  private async find(ctx: RequestContext, id: string) {
    const tool = await this.tools.findById(ctx.organisationId, id);
    if (!tool) throw new NotFoundError('TOOL.NOT_FOUND', `Tool ${id} not found`, { toolId: id });
    return tool;
  }
}
