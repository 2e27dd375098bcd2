import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@toolgate/config';
import { type AnalysisRunRecord, AnalysisRunRepository, type ConflictWrite, type ToolRecord, ToolRepository } from '@toolgate/db';
import { makeTool, type StageName, type ToolDefinition, toolKey } from '@toolgate/pipeline';
import { BlockedApprovals } from './blocked-approvals';
import { decideStatuses, scanPairs } from './scan-pairs';
import { ToolIndexCache } from './tool-index.cache';

/** Progress as the job reports it (`job.updateProgress`): percent plus what is happening. */
export interface ScanProgress {
  percent: number;
  phase: 'loading' | 'index' | 'pairs' | 'persist';
}

/**
 * A full re-scan of one environment (the `environment-scan` job): stages 1–3 of the environment's policy over
 * every registry tool, on the worker's cached ToolIndex. Conflicts are upserted by pair (dedup), pairs that
 * no longer conflict are resolved, waiting tools get their status, and the run is recorded. Idempotent: a
 * retry of the same run overwrites the run row; a retry after the run COMPLETED does nothing.
 */
@Injectable()
export class EnvironmentScanUseCase {
  private readonly logger = new Logger(EnvironmentScanUseCase.name);
  private readonly testDelayMs: number;

  constructor(
    private readonly runs: AnalysisRunRepository,
    private readonly tools: ToolRepository,
    private readonly indexes: ToolIndexCache,
    private readonly approvals: BlockedApprovals,
    config: AppConfig,
  ) {
    this.testDelayMs = config.values.TEST_ONLY_ANALYSIS_DELAY_MS;
  }

  async run(runId: string, progress: (p: ScanProgress) => Promise<void>): Promise<AnalysisRunRecord | undefined> {
    const started = await this.runs.start(runId);
    if (!started) {
      this.logger.log({ runId }, 'Run already completed or gone; nothing to do');
      return undefined;
    }
    const { environment } = started;
    await progress({ percent: 0, phase: 'loading' });
    const stages = new Set(environment.policy.stagesOnRegistration.map((s) => s.toLowerCase() as StageName).filter((s) => s !== 'routing'));
    const registry = (await this.tools.registry(environment.id)).filter((t) => t.currentVersion !== null);
    const versioned = registry.map((t) => ({ versionId: t.currentVersion!.id, tool: pipelineTool(t) }));

    let t = performance.now();
    const timings: Record<string, number> = {};
    const result = await this.indexes.withIndex(environment.id, stages.has('semantic'), versioned, async (index, sync) => {
      timings['index'] = elapsed(t);
      this.logger.log({ runId, ...sync }, 'Index synchronised');
      await progress({ percent: 10, phase: 'index' });
      t = performance.now();
      const scan = scanPairs(index, stages);
      timings['pairs'] = elapsed(t);
      return { scan, sync };
    });
    await progress({ percent: 70, phase: 'pairs' });
    if (this.testDelayMs > 0) await this.waitForTests(progress);

    t = performance.now();
    const idByKey = new Map(registry.map((tool) => [toolKey(tool.serverName, tool.name), tool.id]));
    const conflicts: ConflictWrite[] = result.scan.conflicts.map((c) => ({
      toolIds: [idByKey.get(toolKey(c.a.server, c.a.tool))!, idByKey.get(toolKey(c.b.server, c.b.tool))!],
      severity: c.severity,
      score: c.score,
      findings: c.findings,
      recommendations: [],
    }));
    const scanned = registry.map((tool) => ({ id: tool.id, key: toolKey(tool.serverName, tool.name), versionId: tool.currentVersion!.id, status: tool.status }));
    const statuses = decideStatuses(scanned, result.scan, environment.policy.blockingSeverity);
    const run = await this.runs.complete(runId, environment.id, {
      stageTimings: timings,
      toolCount: registry.length,
      pairCount: result.scan.pairCount,
      subjectIds: registry.map((tool) => tool.id),
      conflicts,
      statuses,
    });
    // Only versions this run decided (they were PENDING_ANALYSIS): a BLOCKED tool already had its request.
    const wasPending = new Set(scanned.filter((tool) => tool.status === 'PENDING_ANALYSIS').map((tool) => tool.id));
    await this.approvals.open(environment, run, statuses.filter((st) => wasPending.has(st.toolId)));
    await progress({ percent: 100, phase: 'persist' });
    this.logger.log({ runId, tools: run.toolCount, pairs: run.pairCount, conflicts: run.conflictCount, persistMs: elapsed(t) }, 'Analysis run completed');
    return run;
  }

  // TEST_ONLY_ANALYSIS_DELAY_MS: keeps the job running (lock renewed, progress reported) so e2e can kill the worker.
  private async waitForTests(progress: (p: ScanProgress) => Promise<void>): Promise<void> {
    const step = Math.min(this.testDelayMs, 250);
    for (let waited = 0; waited < this.testDelayMs; waited += step) {
      await sleep(step);
      await progress({ percent: 70 + Math.floor((20 * waited) / this.testDelayMs), phase: 'pairs' });
    }
  }
}

function pipelineTool(record: ToolRecord) {
  return makeTool(record.serverName, record.currentVersion!.definition as ToolDefinition);
}

function elapsed(since: number): number {
  return Math.round((performance.now() - since) * 10) / 10;
}
