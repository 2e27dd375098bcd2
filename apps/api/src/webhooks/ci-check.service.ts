import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { type AnalysisReport, isAtLeast, makeTool, type Severity, type Tool, type ToolDefinition } from '@toolgate/pipeline';
import { ProviderError } from '@toolgate/providers';
import { EnvironmentsService } from '../environments/environments.service';
import { SimulationQueueService } from '../queues/simulation-queue.service';
import type { RequestContext } from '../registry/request-context';
import { ApiModelProviders, withProviderErrors } from '../providers/model-providers.service';
import { type AnalysisPolicy, registrationPolicy } from '../tools/registry-analyzer';
import { ApiMetrics } from '../metrics/metrics.service';
import { RegistryIndex } from '../tools/registry-index';
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
 * Runs on the process's cached registry index (RegistryIndex: refreshed incrementally when the
 * registry's revision moved) with the environment's providers (deployment config + overrides).
 */
@Injectable()
export class CiCheckService {
  private readonly budgetMs: number;

  constructor(
    private readonly environments: EnvironmentsService,
    private readonly index: RegistryIndex,
    private readonly models: ApiModelProviders,
    private readonly registration: ToolRegistrationService,
    private readonly simulations: SimulationQueueService,
    config: AppConfig,
    private readonly metrics: ApiMetrics,
  ) {
    this.budgetMs = config.values.CI_ROUTING_BUDGET_MS;
  }

  async check(ctx: RequestContext, request: CiCheckRequest): Promise<CiCheckResult> {
    const started = performance.now();
    const checkId = randomUUID();
    const env = await this.environments.resolve(ctx, request.environment);
    const definitions: ToolDefinition[] = request.tools.map(toDefinition);
    const candidates: Tool[] = definitions.map((d) => makeTool(request.server, d));
    const policy = registrationPolicy(env);
    const withoutRouting = policy.stages.filter((s) => s !== 'routing');
    const providers = this.models.forEnvironment(env.providerOverrides);
    const run = async (stages: AnalysisPolicy['stages']) =>
      (await this.index.check(env, candidates, { ...this.models.analyzeOptions(providers), stages, failOn: policy.failOn })).report;

    // Stages 1-3 need the embedder: without it there is no honest answer (503), unlike stage 4 below.
    let report = await withProviderErrors(() => run(withoutRouting));
    const plan = planRouting(policy.stages.includes('routing'), routingPairs(report), this.budgetMs);
    let routing: RoutingStatus;
    if (plan.action === 'run') {
      const routed = await routeOrDegrade(() => run(policy.stages), providers.breakerState().router, providers.router.model);
      if (routed.report) {
        report = routed.report;
        const ms = report.summary.stages.find((s) => s.stage === 'routing')?.ms ?? 0;
        routing = { status: 'completed', pairs: plan.pairs, reason: `simulated ${plan.pairs} pair(s) in ${Math.round(ms)} ms (estimated ${plan.estimatedMs} ms)` };
      } else {
        // Degraded honestly: stages 1-3 stand, stage 4 is reported as skipped with the reason, never passed.
        routing = { status: 'skipped', pairs: 0, reason: routed.skipped };
      }
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
    this.metrics.ciGateCheck(passed ? 'passed' : 'blocked');
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

/** Stage 4 with the environment's router, or why it was skipped (open circuit, router failure). */
async function routeOrDegrade(run: () => Promise<AnalysisReport>, breaker: string, router: string): Promise<{ report: AnalysisReport; skipped?: undefined } | { report?: undefined; skipped: string }> {
  if (breaker === 'open') return { skipped: `router ${router} unavailable: circuit open after repeated failures` };
  try {
    return { report: await run() };
  } catch (error) {
    if (error instanceof ProviderError && error.dependency === router) return { skipped: `router unavailable: ${error.message}` };
    throw error;
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
