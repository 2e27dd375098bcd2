import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@toolgate/config';
import { type EnvironmentRecord, EnvironmentRepository, type Page } from '@toolgate/db';
import { assertCan } from '../auth/access-policy';
import { auditSource } from '../auth/audit-source';
import type { PageQuery } from '../registry/page.request';
import type { RequestContext } from '../registry/request-context';
import type { CreateEnvironmentRequest, UpdatePolicyRequest } from './environment.request';
import { type EnvironmentResponse, toEnvironmentResponse, toStageLevel } from './environment.response';

@Injectable()
export class EnvironmentsService {
  constructor(private readonly environments: EnvironmentRepository) {}

  async create(ctx: RequestContext, request: CreateEnvironmentRequest): Promise<EnvironmentResponse> {
    assertCan(ctx.actor, 'environment.manage');
    const { policy } = request;
    const env = await this.environments.create(ctx.organisationId, request.name, {
      blockingSeverity: policy.blockingSeverity,
      stagesOnRegistration: policy.stagesOnRegistration.map(toStageLevel),
      approvalTtlSeconds: policy.approvalTtlHours * 3600,
    }, auditSource(ctx));
    return toEnvironmentResponse(env);
  }

  /** Changes the given policy fields (audited as `policy.changed` with before/after); `ENVIRONMENT.NOT_FOUND` for an unknown env. */
  async updatePolicy(ctx: RequestContext, ref: string, change: UpdatePolicyRequest): Promise<EnvironmentResponse> {
    assertCan(ctx.actor, 'environment.manage');
    const env = await this.resolve(ctx, ref);
    const updated = await this.environments.updatePolicy(ctx.organisationId, env.id, {
      ...(change.blockingSeverity !== undefined ? { blockingSeverity: change.blockingSeverity } : {}),
      ...(change.stagesOnRegistration !== undefined ? { stagesOnRegistration: change.stagesOnRegistration.map(toStageLevel) } : {}),
      ...(change.approvalTtlHours !== undefined ? { approvalTtlSeconds: change.approvalTtlHours * 3600 } : {}),
    }, auditSource(ctx));
    // Deleted between the lookup and the write: the same answer as an unknown environment.
    if (!updated) throw new NotFoundError('ENVIRONMENT.NOT_FOUND', `Environment "${ref}" not found`, { environment: ref });
    return toEnvironmentResponse(updated);
  }

  async list(ctx: RequestContext, page: PageQuery): Promise<Page<EnvironmentResponse>> {
    const result = await this.environments.list(ctx.organisationId, page);
    return { items: result.items.map(toEnvironmentResponse), nextCursor: result.nextCursor };
  }

  async get(ctx: RequestContext, ref: string): Promise<EnvironmentResponse> {
    return toEnvironmentResponse(await this.resolve(ctx, ref));
  }

  /** The caller's environment with this id or name; `ENVIRONMENT.NOT_FOUND` otherwise (also for other tenants'). */
  async resolve(ctx: RequestContext, ref: string): Promise<EnvironmentRecord> {
    const env = await this.environments.findByRef(ctx.organisationId, ref);
    if (!env) throw new NotFoundError('ENVIRONMENT.NOT_FOUND', `Environment "${ref}" not found`, { environment: ref });
    return env;
  }
}
