import { Injectable, Logger } from '@nestjs/common';
import { type AnalysisRunRecord, AnalysisRunRepository, conflictWrite, type EnvironmentRecord, type ProviderUsageLine, type ToolRecord, ToolRepository, versionedTool } from '@toolgate/db';
import { type FlaggedPair, finishFlaggedPairs, type FinishedPairs, type StageName, type ToolIndex, toolKey } from '@toolgate/pipeline';
import { ProviderError, type Providers } from '@toolgate/providers';
import { BlockedApprovals } from './blocked-approvals';
import { decideStatuses, type PairScan, scanFlaggedPairs, type Shard } from './scan-pairs';
import { type IndexSync, ToolIndexCaches } from './tool-index.cache';

/** An environment's registry as a re-scan reads it. */
export interface LoadedRegistry {
  registry: ToolRecord[];
  /** The policy's registration stages: 1–3, and routing (stage 4 on flagged pairs ≥ MEDIUM) when it is among them. */
  stages: ReadonlySet<StageName>;
}

/**
 * The steps of a re-scan, shared by the single-job scan and the sharded one: load the registry, scan (all
 * tools, or one shard) on the worker's cached index and finish the flagged pairs there (routing when the policy
 * has it, verified recommendations from the blocking severity, as a registration does), persist a (merged)
 * scan as the run's result. Stage 4 runs inline in the shard that found the pair, not as `simulation` jobs: the
 * shard holds the index and the pairs, shards already spread the work over workers, and the run commits one
 * consistent result (docs/tool-lifecycle.md#re-scans).
 */
@Injectable()
export class EnvironmentScanner {
  private readonly logger = new Logger(EnvironmentScanner.name);

  constructor(
    private readonly runs: AnalysisRunRepository,
    private readonly tools: ToolRepository,
    private readonly indexes: ToolIndexCaches,
    private readonly approvals: BlockedApprovals,
  ) {}

  async load(environment: EnvironmentRecord): Promise<LoadedRegistry> {
    const stages = new Set(environment.policy.stagesOnRegistration.map((s) => s.toLowerCase() as StageName));
    const registry = (await this.tools.registry(environment.id)).filter((t) => t.currentVersion !== null);
    return { registry, stages };
  }

  /**
   * Stages 1–3 for all tools (or one shard of them), then routing and recommendations on the flagged pairs, with
   * the time spent syncing the index, scanning, routing and recommending. `providers` are the environment's
   * (EnvironmentModelProviders.for): the index is the one cached for their embedder.
   */
  async scan(environment: EnvironmentRecord, loaded: LoadedRegistry, providers: Providers, shard?: Shard): Promise<{ scan: PairScan; sync: IndexSync; timings: Record<string, number> }> {
    const versioned = loaded.registry.map(versionedTool);
    let t = performance.now();
    const timings: Record<string, number> = {};
    const withVectors = loaded.stages.has('semantic') || loaded.stages.has('routing');
    return this.indexes.for(providers.embedder).withIndex(environment.id, withVectors, versioned, async (index, sync) => {
      timings['index'] = elapsed(t);
      t = performance.now();
      const { pairs, ...flagged } = scanFlaggedPairs(index, loaded.stages, shard);
      timings['pairs'] = elapsed(t);
      const finished = await this.finish(pairs, index, loaded.stages, environment, providers);
      // A stage the policy does not select has no timing (not even the fraction of a millisecond its check took).
      for (const s of finished.timings) if (s.stage !== 'routing' || loaded.stages.has('routing')) timings[s.stage] = s.ms;
      return { scan: { ...flagged, conflicts: finished.conflicts }, sync, timings };
    });
  }

  /**
   * Routing (when selected) and recommendations with the environment's providers. As analyzeWithProviders does for a
   * registration, a router that is down (circuit open, or failing during the run) degrades to no routing, logged,
   * rather than failing the re-scan; the stored routing findings of earlier runs are then replaced by stages 1–3's.
   */
  private async finish(pairs: FlaggedPair[], index: ToolIndex, stages: ReadonlySet<StageName>, environment: EnvironmentRecord, providers: Providers): Promise<FinishedPairs> {
    const options = {
      router: providers.router,
      probeGenerator: providers.probeGenerator,
      ...(providers.recommender ? { recommender: providers.recommender } : {}),
      failOn: environment.policy.blockingSeverity,
    };
    const withoutRouting = (reason: string) => {
      this.logger.warn({ environmentId: environment.id, reason }, 'Re-scan without routing');
      return finishFlaggedPairs(pairs, index, [], { ...options, stageSet: new Set([...stages].filter((s) => s !== 'routing')) });
    };
    if (stages.has('routing') && providers.breakerState().router === 'open') return withoutRouting(`router ${providers.router.model}: circuit open`);
    try {
      return await finishFlaggedPairs(pairs, index, [], { ...options, stageSet: stages });
    } catch (error) {
      if (error instanceof ProviderError && error.dependency === providers.router.model) return withoutRouting(error.message);
      throw error;
    }
  }

  /** Writes the scan as the run's result (conflicts, statuses, COMPLETED) and opens approvals for versions it blocked. */
  async persist(runId: string, environment: EnvironmentRecord, loaded: LoadedRegistry, scan: PairScan, timings: Record<string, number>, usage?: readonly ProviderUsageLine[]): Promise<AnalysisRunRecord> {
    const { registry } = loaded;
    const idByKey = new Map(registry.map((tool) => [toolKey(tool.serverName, tool.name), tool.id]));
    const conflicts = scan.conflicts.map((c) => conflictWrite(c, (server, tool) => idByKey.get(toolKey(server, tool))!));
    const scanned = registry.map((tool) => ({ id: tool.id, key: toolKey(tool.serverName, tool.name), versionId: tool.currentVersion!.id, status: tool.status }));
    const statuses = decideStatuses(scanned, scan, environment.policy.blockingSeverity);
    // Only versions this run decided (they were PENDING_ANALYSIS): a BLOCKED tool already had its request.
    const wasPending = new Set(scanned.filter((tool) => tool.status === 'PENDING_ANALYSIS').map((tool) => tool.id));
    const approvals = this.approvals.step(environment, statuses.filter((st) => wasPending.has(st.toolId)));
    const run = await this.runs.complete(runId, environment.id, {
      stageTimings: timings,
      toolCount: registry.length,
      pairCount: scan.pairCount,
      subjectIds: registry.map((tool) => tool.id),
      conflicts,
      // Recommendations were computed for conflicts from the blocking severity: those are replaced, the others keep
      // what their registration stored.
      recommendFrom: environment.policy.blockingSeverity,
      statuses,
      ...(usage ? { usage } : {}),
    }, approvals.inTransaction);
    await approvals.announce(runId);
    return run;
  }
}

export function elapsed(since: number): number {
  return Math.round((performance.now() - since) * 10) / 10;
}
