import { descriptionDrafts, distinctiveRenameDraft, renameDraft, type RecommendationDraft } from '../recommendations';
import { simulateRouting, withProbesOf } from '../routing';
import { pairKey, type Conflict, type Finding, type Recommendation, type StageName } from '../model/finding';
import type { Router } from '../model/providers';
import { isAtLeast, severityRank } from '../model/severity';
import { makeTool, toolRef, type Tool } from '../model/tool';
import { DEFAULT_PROBES_PER_TOOL, DEFAULT_TRIALS, type AnalyzeOptions } from './analyze-options';
import type { FlaggedPair } from './analyze';
import { pairScore, round } from './conflict-builder';
import { evaluatePair } from './pair-evaluator';
import { routingContext } from './routing-step';
import { applyCap, routingCap } from './severity-rules';
import type { IndexedTool, ToolIndex } from './tool-index';

/** At most this many verified recommendations per conflict, best first. */
const MAX_RECOMMENDATIONS = 3;

interface RecommendationOptions extends AnalyzeOptions {
  router: Router;
  stageSet: ReadonlySet<StageName>;
  progress: NonNullable<AnalyzeOptions['onProgress']>;
  /** Tools that may be patched. Default: every tool (a full analysis); the CLI's candidate mode passes the candidates. */
  patchable?: (tool: Tool) => boolean;
}

/**
 * Attaches 1–3 verified recommendations to each conflict at or above `recommendFrom`: each draft is
 * applied to a copy of the tool, the pair is re-run through the same stages, and the draft is kept
 * only when the pair's score drops and the patched tool collides with nothing else.
 * Returns how many conflicts got at least one recommendation.
 */
export async function attachRecommendations(
  conflicts: Conflict[],
  pairs: readonly FlaggedPair[],
  index: ToolIndex,
  options: RecommendationOptions,
): Promise<number> {
  const from = options.recommendFrom ?? 'HIGH';
  if (from === 'NONE') return 0;
  const byKey = new Map(pairs.map((p) => [pairKey(p.a.tool.key, p.b.tool.key), p]));
  const patchable = options.patchable ?? (() => true);
  let done = 0;
  let withRecommendations = 0;
  for (const conflict of conflicts) {
    done++;
    const pair = byKey.get(conflict.key);
    if (!pair || !isAtLeast(conflict.severity, from)) continue;
    const verified: Recommendation[] = [];
    // Sides in key order, so the result does not depend on which tool the pair was found from.
    const [first, second] = pair.a.tool.key <= pair.b.tool.key ? [pair.a, pair.b] : [pair.b, pair.a];
    for (const [self, other] of [[first, second], [second, first]] as const) {
      if (!patchable(self.tool)) continue;
      const llmDrafts = (await options.recommender?.draftsFor(self.tool, other.tool, conflict.findings)) ?? [];
      for (const draft of [...draftsFor(self.tool, other.tool, conflict.findings), ...llmDrafts.map((d) => ({ ...d, source: 'llm' as const }))]) {
        const result = await verify(draft, self, other, conflict, index, options);
        if (result) verified.push(result);
      }
    }
    // Stable: a stable sort over drafts generated in a fixed order.
    verified.sort((x, y) => x.verification.scoreAfter - y.verification.scoreAfter);
    conflict.recommendations = verified.slice(0, MAX_RECOMMENDATIONS);
    if (conflict.recommendations.length > 0) withRecommendations++;
    if (done % 64 === 0) options.progress({ phase: 'recommendations', done, total: conflicts.length });
  }
  return withRecommendations;
}

function draftsFor(tool: Tool, other: Tool, findings: readonly Finding[]): RecommendationDraft[] {
  const drafts: RecommendationDraft[] = [];
  if (findings.some((f) => f.stage === 'lexical')) {
    // Across servers the namespace is the difference; inside one server only a more specific name is.
    const rename = tool.server !== other.server ? renameDraft(tool) : distinctiveRenameDraft(tool, other);
    if (rename) drafts.push(rename);
  }
  drafts.push(...descriptionDrafts(tool, other));
  return drafts;
}

async function verify(
  draft: RecommendationDraft,
  self: IndexedTool,
  other: IndexedTool,
  conflict: Conflict,
  index: ToolIndex,
  options: RecommendationOptions,
): Promise<Recommendation | undefined> {
  const patchedTool = makeTool(self.tool.server, { ...self.tool.definition, ...draft.after }, self.tool.source);
  const patched = await index.preparePatched(self, patchedTool);
  const evaluation = evaluatePair(patched, other, options.stageSet);
  const findings = [...evaluation.findings];
  if (conflict.findings.some((f) => f.stage === 'routing') && !evaluation.shortCircuited) {
    const routed = await simulateRouting([{ a: patched.tool, b: other.tool }], {
      router: options.router,
      context: (a, b) => routingContext(index, a, b).filter((t) => t.key !== self.tool.key),
      trials: options.trials ?? DEFAULT_TRIALS,
      probesPerTool: options.probesPerTool ?? DEFAULT_PROBES_PER_TOOL,
      // The patched tool is routed with the probes written for the original: same requests before and after.
      ...(options.probeGenerator ? { probeGenerator: withProbesOf(options.probeGenerator, new Map([[patched.tool.key, self.tool]])) } : {}),
    });
    const finding = routed.get(pairKey(patched.tool.key, other.tool.key));
    if (finding) findings.push(finding);
  }
  applyCap(findings, routingCap(findings));
  const scoreAfter = pairScore(findings);
  if (scoreAfter >= conflict.score) return undefined;
  if (draft.kind === 'rename' && collidesElsewhere(patched, self.tool.key, index, options.stageSet)) return undefined;
  return {
    kind: draft.kind,
    target: toolRef(self.tool),
    rationale: draft.rationale,
    patch: { before: pick(self.tool, draft), after: draft.after },
    verification: { scoreBefore: round(conflict.score), scoreAfter },
    source: draft.source ?? 'rules',
  };
}

/** A rename that would make a new CRITICAL collision with some other tool is no fix. */
function collidesElsewhere(patched: IndexedTool, originalKey: string, index: ToolIndex, stages: ReadonlySet<StageName>): boolean {
  for (const key of index.neighbours(patched, { semanticNeighbours: 0, minCosine: 1 })) {
    const other = index.get(key);
    if (!other || key === originalKey) continue;
    const { findings } = evaluatePair(patched, other, new Set([...stages].filter((s) => s === 'lexical')));
    if (findings.some((f) => severityRank(f.severity) >= severityRank('CRITICAL'))) return true;
  }
  return false;
}

function pick(tool: Tool, draft: RecommendationDraft): Recommendation['patch']['before'] {
  const before: Recommendation['patch']['before'] = {};
  for (const field of Object.keys(draft.after) as (keyof Tool['definition'])[]) {
    (before as Record<string, unknown>)[field] = tool.definition[field];
  }
  return before;
}
