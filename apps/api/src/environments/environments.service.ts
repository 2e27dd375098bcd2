import { Injectable } from '@nestjs/common';
import { NotFoundError, type ProviderOverrides, unsetKeyVariables, ValidationError } from '@toolgate/config';
import { type EnvironmentRecord, EnvironmentRepository, type Page } from '@toolgate/db';
import { assertCan } from '../auth/access-policy';
import { auditSource } from '../auth/audit-source';
import type { PageQuery } from '../registry/page.request';
import type { RequestContext } from '../registry/request-context';
import type { CreateEnvironmentRequest, UpdatePolicyRequest } from './environment.request';
import { type EnvironmentResponse, toEnvironmentResponse, toStageLevel } from './environment.response';

/**
 * How long a read-only listing may reuse an environment lookup. Only paths that need nothing fresher than
 * the environment's id use it (the conflict listing); the CI gate and writes always read the row, since they
 * need the current policy and registry revision.
 */
export const ENVIRONMENT_LOOKUP_TTL_MS = 2_000;
const MAX_CACHED_LOOKUPS = 1_000;

@Injectable()
export class EnvironmentsService {
  private readonly lookups = new Map<string, { env: EnvironmentRecord; until: number }>();

  constructor(private readonly environments: EnvironmentRepository) {}

  async create(ctx: RequestContext, request: CreateEnvironmentRequest): Promise<EnvironmentResponse> {
    assertCan(ctx.actor, 'environment.manage');
    const { policy } = request;
    if (request.providerOverrides) assertKeyVariablesSet(request.providerOverrides);
    const env = await this.environments.create(ctx.organisationId, request.name, {
      blockingSeverity: policy.blockingSeverity,
      stagesOnRegistration: policy.stagesOnRegistration.map(toStageLevel),
      approvalTtlSeconds: policy.approvalTtlHours * 3600,
    }, auditSource(ctx), request.providerOverrides ?? {});
    return toEnvironmentResponse(env);
  }

  /** Changes the given policy fields (audited as `policy.changed` with before/after); `ENVIRONMENT.NOT_FOUND` for an unknown env. */
  async updatePolicy(ctx: RequestContext, ref: string, change: UpdatePolicyRequest): Promise<EnvironmentResponse> {
    assertCan(ctx.actor, 'environment.manage');
    if (change.providerOverrides) assertKeyVariablesSet(change.providerOverrides);
    const env = await this.resolve(ctx, ref);
    const updated = await this.environments.updatePolicy(ctx.organisationId, env.id, {
      ...(change.providerOverrides !== undefined ? { providerOverrides: change.providerOverrides } : {}),
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

  /**
   * {@link resolve} for hot read-only listings: the same organisation scoping, reused for up to
   * ENVIRONMENT_LOOKUP_TTL_MS (a policy change shows in listings within 2 s; the listing reads nothing else
   * from the row). Unknown environments are not remembered.
   */
  async resolveForListing(ctx: RequestContext, ref: string): Promise<EnvironmentRecord> {
    const key = `${ctx.organisationId}|${ref}`;
    const now = Date.now();
    const hit = this.lookups.get(key);
    if (hit && hit.until > now) return hit.env;
    const env = await this.resolve(ctx, ref);
    this.lookups.delete(key);
    this.lookups.set(key, { env, until: now + ENVIRONMENT_LOOKUP_TTL_MS });
    while (this.lookups.size > MAX_CACHED_LOOKUPS) this.lookups.delete(this.lookups.keys().next().value!);
    return env;
  }

  /** The caller's environment with this id or name; `ENVIRONMENT.NOT_FOUND` otherwise (also for other tenants'). */
  async resolve(ctx: RequestContext, ref: string): Promise<EnvironmentRecord> {
    const env = await this.environments.findByRef(ctx.organisationId, ref);
    if (!env) throw new NotFoundError('ENVIRONMENT.NOT_FOUND', `Environment "${ref}" not found`, { environment: ref });
    return env;
  }
}

/** An override naming a key variable this process does not have could never call its provider: 400, naming it. */
function assertKeyVariablesSet(overrides: ProviderOverrides): void {
  const unset = unsetKeyVariables(overrides);
  if (unset.length === 0) return;
  const issues = unset.map((u) => ({ path: `body.providerOverrides.${u.path}`, message: `environment variable ${u.variable} is not set in the API's environment` }));
  throw new ValidationError(issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
}
