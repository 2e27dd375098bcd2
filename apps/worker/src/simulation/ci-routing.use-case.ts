import { Injectable } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { EnvironmentRepository, registrySource, ToolRepository } from '@toolgate/db';
import { CI_CHECK_TTL_SECONDS, ciCheckKey, CiCheckRoutingInputSchema } from '@toolgate/jobs';
import { checkCandidates, makeTool, type StageName, type ToolDefinition } from '@toolgate/pipeline';
import { runWithProviders } from '@toolgate/providers';
import { ToolIndexCaches } from '../analysis/tool-index.cache';
import { EnvironmentModelProviders } from '../providers/environment-model-providers';
import { WorkerRedisConnection } from '../worker-redis.connection';

/**
 * The routing stage of a CI check that did not fit the request's budget (`ci-check-routing`): the whole
 * check again with the environment's stages including routing, its result stored next to its input in
 * Redis for `GET /v1/webhooks/ci-check/:checkId/routing`. Idempotent: a retry recomputes and overwrites.
 */
@Injectable()
export class CiRoutingUseCase {
  private readonly prefix: string;

  constructor(
    private readonly redis: WorkerRedisConnection,
    private readonly environments: EnvironmentRepository,
    private readonly tools: ToolRepository,
    private readonly models: EnvironmentModelProviders,
    private readonly indexes: ToolIndexCaches,
    config: AppConfig,
  ) {
    this.prefix = config.values.REDIS_PREFIX;
  }

  /** Returns false when the check's input expired or its environment is gone (nothing to simulate). */
  async run(checkId: string, progress: (percent: number) => Promise<void>): Promise<boolean> {
    const raw = await this.redis.client.get(ciCheckKey(this.prefix, checkId, 'input'));
    if (raw === null) return false;
    const input = CiCheckRoutingInputSchema.parse(JSON.parse(raw));
    const env = await this.environments.findByIdUnscoped(input.environmentId);
    if (!env) return false;
    const candidates = input.tools.map((d) => makeTool(input.server, d as ToolDefinition));
    const stages = env.policy.stagesOnRegistration.map((s) => s.toLowerCase() as StageName);
    await progress(10);
    // With the router down, routing is SKIPPED with the reason in `routing.skipped` (never passed).
    // The environment's providers (its overrides, if any), as the API's synchronous part used.
    // On the environment's cached index at its current registry revision (as the CI gate and registration
    // analyses): only the tools changed since the index's revision are read, never the whole registry.
    const providers = this.models.for(env);
    const withVectors = stages.includes('semantic') || stages.includes('routing');
    const report = await this.indexes.for(providers.embedder).read(env.id, withVectors, registrySource(this.tools, env.id, env.registryRevision), (index, read) =>
      runWithProviders(providers, { stages, failOn: env.policy.blockingSeverity }, (options) => checkCandidates({ index, candidates, serverTools: read.serverTools }, options)),
    );
    const routing = report.summary.stages.find((s) => s.stage === 'routing');
    const result = {
      passed: !report.summary.blocked,
      conflicts: report.conflicts,
      toolFindings: report.toolFindings,
      routing: { pairs: routing?.items ?? 0, ms: routing?.ms ?? 0, ...(routing?.skipped ? { skipped: routing.skipped } : {}) },
      finishedAt: new Date().toISOString(),
    };
    await this.redis.client.set(ciCheckKey(this.prefix, checkId, 'result'), JSON.stringify(result), 'EX', CI_CHECK_TTL_SECONDS);
    await progress(100);
    return true;
  }
}
