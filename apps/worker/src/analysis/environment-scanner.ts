import { Injectable } from '@nestjs/common';
import { type AnalysisRunRecord, AnalysisRunRepository, type ConflictWrite, type EnvironmentRecord, type ToolRecord, ToolRepository } from '@toolgate/db';
import { makeTool, type StageName, type ToolDefinition, toolKey } from '@toolgate/pipeline';
import { BlockedApprovals } from './blocked-approvals';
import { decideStatuses, type PairScan, scanPairs, type Shard } from './scan-pairs';
import { type IndexSync, ToolIndexCache } from './tool-index.cache';

/** An environment's registry as a re-scan reads it. */
export interface LoadedRegistry {
  registry: ToolRecord[];
  /** Stages 1–3 of the policy (a re-scan runs no routing). */
  stages: ReadonlySet<StageName>;
}

/**
 * The steps of a re-scan, shared by the single-job scan and the sharded one: load the registry, scan (all
 * tools, or one shard) on the worker's cached index, persist a (merged) scan as the run's result.
 */
@Injectable()
export class EnvironmentScanner {
  constructor(
    private readonly runs: AnalysisRunRepository,
    private readonly tools: ToolRepository,
    private readonly indexes: ToolIndexCache,
    private readonly approvals: BlockedApprovals,
  ) {}

  async load(environment: EnvironmentRecord): Promise<LoadedRegistry> {
    const stages = new Set(environment.policy.stagesOnRegistration.map((s) => s.toLowerCase() as StageName).filter((s) => s !== 'routing'));
    const registry = (await this.tools.registry(environment.id)).filter((t) => t.currentVersion !== null);
    return { registry, stages };
  }

  /** Stages 1–3 for all tools (or one shard of them), with the time spent syncing the index and scanning. */
  async scan(environment: EnvironmentRecord, loaded: LoadedRegistry, shard?: Shard): Promise<{ scan: PairScan; sync: IndexSync; timings: Record<string, number> }> {
    const versioned = loaded.registry.map((t) => ({ versionId: t.currentVersion!.id, tool: pipelineTool(t) }));
    let t = performance.now();
    const timings: Record<string, number> = {};
    return this.indexes.withIndex(environment.id, loaded.stages.has('semantic'), versioned, (index, sync) => {
      timings['index'] = elapsed(t);
      t = performance.now();
      const scan = scanPairs(index, loaded.stages, shard);
      timings['pairs'] = elapsed(t);
      return { scan, sync, timings };
    });
  }

  /** Writes the scan as the run's result (conflicts, statuses, COMPLETED) and opens approvals for versions it blocked. */
  async persist(runId: string, environment: EnvironmentRecord, loaded: LoadedRegistry, scan: PairScan, timings: Record<string, number>): Promise<AnalysisRunRecord> {
    const { registry } = loaded;
    const idByKey = new Map(registry.map((tool) => [toolKey(tool.serverName, tool.name), tool.id]));
    const conflicts: ConflictWrite[] = scan.conflicts.map((c) => ({
      toolIds: [idByKey.get(toolKey(c.a.server, c.a.tool))!, idByKey.get(toolKey(c.b.server, c.b.tool))!],
      severity: c.severity,
      score: c.score,
      findings: c.findings,
      recommendations: [],
    }));
    const scanned = registry.map((tool) => ({ id: tool.id, key: toolKey(tool.serverName, tool.name), versionId: tool.currentVersion!.id, status: tool.status }));
    const statuses = decideStatuses(scanned, scan, environment.policy.blockingSeverity);
    const run = await this.runs.complete(runId, environment.id, {
      stageTimings: timings,
      toolCount: registry.length,
      pairCount: scan.pairCount,
      subjectIds: registry.map((tool) => tool.id),
      conflicts,
      statuses,
    });
    // Only versions this run decided (they were PENDING_ANALYSIS): a BLOCKED tool already had its request.
    const wasPending = new Set(scanned.filter((tool) => tool.status === 'PENDING_ANALYSIS').map((tool) => tool.id));
    await this.approvals.open(environment, run, statuses.filter((st) => wasPending.has(st.toolId)));
    return run;
  }
}

function pipelineTool(record: ToolRecord) {
  return makeTool(record.serverName, record.currentVersion!.definition as ToolDefinition);
}

export function elapsed(since: number): number {
  return Math.round((performance.now() - since) * 10) / 10;
}
