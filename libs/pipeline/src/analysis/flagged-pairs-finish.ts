import { LocalRouter } from '../routing';
import type { Conflict, StageName, ToolFinding } from '../model/finding';
import type { Severity } from '../model/severity';
import type { Tool } from '../model/tool';
import type { AnalyzeOptions } from './analyze-options';
import type { FlaggedPair } from './analyze';
import type { StageTiming } from './analysis-report';
import { buildConflict } from './conflict-builder';
import { elapsed } from './report-builder';
import { attachRecommendations } from './recommendation-step';
import { runRoutingStep } from './routing-step';
import { applyCap, routingCap } from './severity-rules';
import type { IndexedTool, ToolIndex } from './tool-index';

/** What finishing the flagged pairs produced: conflicts (with recommendations), routing-shift findings, timings. */
export interface FinishedPairs {
  conflicts: Conflict[];
  /** `routing-shift` findings of the candidates (empty for a full analysis or a re-scan). */
  shift: ToolFinding[];
  /** `routing` and `recommendations` stage timings. */
  timings: StageTiming[];
}

export interface FinishOptions extends AnalyzeOptions {
  stageSet: ReadonlySet<StageName>;
  failOn: Severity | 'NONE';
  /** Tools that may be patched by recommendations (default all). */
  patchable?: (tool: Tool) => boolean;
}

/**
 * Stage 4 and the recommendations over pairs that stages 1–3 flagged: routing simulation on pairs at or above
 * the routing threshold (when `routing` is among the stages), the routing caps, one conflict per pair, and verified
 * recommendations for conflicts at or above `recommendFrom` (default: the `failOn` level, or HIGH when nothing
 * blocks). Shared by `analyze` and by the worker's re-scans, which find their pairs on a long-lived index
 * (shard by shard) and finish them here, so a re-scan judges and fixes pairs exactly as a registration does.
 * `candidates` are the tools whose routing shift is measured (none for a full analysis).
 */
export async function finishFlaggedPairs(pairs: FlaggedPair[], index: ToolIndex, candidates: readonly IndexedTool[], options: FinishOptions): Promise<FinishedPairs> {
  const stages = options.stageSet;
  const progress = options.onProgress ?? (() => undefined);
  const router = options.router ?? new LocalRouter();
  const timings: StageTiming[] = [];

  let t = performance.now();
  const routing = stages.has('routing') ? await runRoutingStep(pairs, index, candidates, { ...options, router, progress }) : { evaluated: 0, shift: [] as ToolFinding[] };
  const skipped = !stages.has('routing') ? 'not selected' : routing.evaluated === 0 ? 'no pair reached the routing threshold' : undefined;
  timings.push({ stage: 'routing', ms: elapsed(t), items: routing.evaluated, ...(skipped ? { skipped } : {}) });

  for (const pair of pairs) applyCap(pair.findings, routingCap(pair.findings));
  const conflicts: Conflict[] = pairs.filter((p) => p.findings.length > 0).map((p) => buildConflict(p.a.tool, p.b.tool, p.findings));

  t = performance.now();
  const recommendFrom = options.recommendFrom ?? (options.failOn === 'NONE' ? 'HIGH' : options.failOn);
  const recommended = await attachRecommendations(conflicts, pairs, index, { ...options, recommendFrom, router, stageSet: stages, progress, patchable: options.patchable });
  timings.push({ stage: 'recommendations', ms: elapsed(t), items: recommended });
  return { conflicts, shift: routing.shift, timings };
}
