import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { ToolRepository } from '@toolgate/db';
import { type AnalysisReport, isAtLeast, makeTool, type Severity, type ToolDefinition } from '@toolgate/pipeline';
import { EnvironmentsService } from '../environments/environments.service';
import { SimulationQueueService } from '../queues/simulation-queue.service';
import type { RequestContext } from '../registry/request-context';
import { RegistryAnalyzer, registrationPolicy } from '../tools/registry-analyzer';
import { toDefinition, ToolRegistrationService } from '../tools/tool-registration.service';
import type { CiCheckRequest } from './ci-check.request';
import type { BlockingReason, CiRecommendation, RoutingStatus } from './ci-check.response';
import { planRouting, routingPairs } from './ci-routing';
import type { RegisteredToolResponse } from '../tools/tool.response';

/** The CI gate's answer; `passed` picks 200 or 409. */
export interface CiCheckResult {
  checkId: string;
  passed: boolean;
  environment: { id: string; name: string; blockingSeverity: Severity };
  blocking?: BlockingReason[];
  conflicts: AnalysisReport['conflicts'];
  toolFindings: AnalysisReport['toolFindings'];
  recommendations: CiRecommendation[];
  routing: RoutingStatus;
  registration?: { items: RegisteredToolResponse[] };
  durationMs: number;
}

/**
 * The CI gate: stages 1–3 of the environment's policy, synchronously, with the tools as candidates;
 * stage 4 too when the policy has it and it fits CI_ROUTING_BUDGET_MS, else queued on `simulation`.
 */
@Injectable()
export class CiCheckService {
  private readonly budgetMs: number;

  constructor(
    private readonly environments: EnvironmentsService,
    private readonly tools: ToolRepository,
    private readonly analyzer: RegistryAnalyzer,
    private readonly registration: ToolRegistrationService,
    private readonly simulations: SimulationQueueService,
    config: AppConfig,
  ) {
    this.budgetMs = config.values.CI_ROUTING_BUDGET_MS;
  }

  async check(ctx: RequestContext, request: CiCheckRequest): Promise<CiCheckResult> {
    const started = performance.now();
    const checkId = randomUUID();
    const env = await this.environments.resolve(ctx, request.environment);
    const definitions: ToolDefinition[] = request.tools.map(toDefinition);
    const candidates = definitions.map((d) => makeTool(request.server, d));
    const registry = await this.tools.registry(env.id);
    const policy = registrationPolicy(env);
    const withoutRouting = policy.stages.filter((s) => s !== 'routing');

    let report = await this.analyzer.run(registry, candidates, { stages: withoutRouting, failOn: policy.failOn });
    const plan = planRouting(policy.stages.includes('routing'), routingPairs(report), this.budgetMs);
    let routing: RoutingStatus;
    if (plan.action === 'run') {
      report = await this.analyzer.run(registry, candidates, policy);
      const ms = report.summary.stages.find((s) => s.stage === 'routing')?.ms ?? 0;
      routing = { status: 'completed', pairs: plan.pairs, reason: `simulated ${plan.pairs} pair(s) in ${Math.round(ms)} ms (estimated ${plan.estimatedMs} ms)` };
    } else if (plan.action === 'queue') {
      const jobId = await this.simulations.enqueueCiRouting(checkId, { environmentId: env.id, server: request.server, tools: definitions });
      routing = { status: 'queued', pairs: plan.pairs, reason: plan.reason, jobId };
    } else {
      routing = { status: 'skipped', pairs: 0, reason: plan.reason };
    }

    const blocking = blockingReasons(report, policy.failOn);
    const passed = blocking.length === 0;
    const result: CiCheckResult = {
      checkId,
      passed,
      environment: { id: env.id, name: env.name, blockingSeverity: env.policy.blockingSeverity },
      ...(passed ? {} : { blocking }),
      conflicts: report.conflicts,
      toolFindings: report.toolFindings,
      recommendations: recommendationsOf(report),
      routing,
      durationMs: 0,
    };
    if (request.register) result.registration = await this.register(ctx, env.id, request);
    result.durationMs = Math.round(performance.now() - started);
    return result;
  }

  /**
   * Registers the tools through the registry's own path, which decides each tool's status by the same
   * policy (tools behind a blocking reason BLOCKED, the rest ACTIVE) and opens an approval request for
   * every version it leaves BLOCKED.
   */
  private async register(ctx: RequestContext, environmentId: string, request: CiCheckRequest): Promise<{ items: RegisteredToolResponse[] }> {
    const { items } = await this.registration.register(ctx, environmentId, request.server, request.tools);
    return { items };
  }
}

function blockingReasons(report: AnalysisReport, failOn: Severity | 'NONE'): BlockingReason[] {
  if (failOn === 'NONE') return [];
  const reasons: BlockingReason[] = [];
  for (const c of report.conflicts) {
    if (!isAtLeast(c.severity, failOn)) continue;
    const types = [...new Set(c.findings.map((f) => f.type))];
    reasons.push({
      kind: 'conflict',
      severity: c.severity,
      tools: [c.a, c.b],
      types,
      message: `${c.a.server}/${c.a.tool} and ${c.b.server}/${c.b.tool} conflict (${c.severity}: ${types.join(', ')})`,
    });
  }
  for (const f of report.toolFindings) {
    if (!isAtLeast(f.severity, failOn)) continue;
    reasons.push({ kind: 'tool-finding', severity: f.severity, tools: [{ server: f.server, tool: f.tool }], types: [f.type], message: `${f.server}/${f.tool}: ${f.type} (${f.severity})` });
  }
  return reasons;
}

function recommendationsOf(report: AnalysisReport): CiRecommendation[] {
  return report.conflicts.flatMap((c) =>
    c.recommendations.map((r) => ({
      conflict: c.key,
      kind: r.kind,
      target: r.target,
      rationale: r.rationale,
      patch: r.patch as CiRecommendation['patch'],
      verification: r.verification,
    })),
  );
}
