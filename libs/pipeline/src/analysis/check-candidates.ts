import { scanTool } from '../scan';
import { STAGES, type StageName, type ToolFinding } from '../model/finding';
import type { Tool } from '../model/tool';
import { DEFAULT_CANDIDATE_MIN_COSINE, DEFAULT_SEMANTIC_NEIGHBOURS, type AnalyzeOptions } from './analyze-options';
import { findFlaggedPairs } from './analyze';
import type { AnalysisReport, StageTiming } from './analysis-report';
import { CandidateOverlay } from './candidate-overlay';
import { finishFlaggedPairs } from './flagged-pairs-finish';
import { buildReport, elapsed } from './report-builder';
import type { IndexedTool, NeighbourOptions, ToolIndex } from './tool-index';

export interface CheckCandidatesInput {
  /**
   * The registry's index, built beforehand (e.g. by ToolIndexCache) with the same embedder the
   * options name, and never mutated here: many checks may share it at once.
   */
  index: ToolIndex;
  /** The proposed tools; one with the server + name of a registry tool is a new version of it. */
  candidates: readonly Tool[];
  /** The index's tools of one server (ToolIndexCache's IndexRead has it); default: one pass over the index. */
  serverTools?: (server: string) => Iterable<Tool>;
}

/**
 * The CI gate's form of `analyze({ registry, candidates })`, against a pre-built index: only the
 * candidates are featurised (and embedded), their neighbours are looked up in the shared index and in
 * a throwaway index of the candidates, and the report is the one `analyze` gives for the same registry
 * and candidates (check-candidates.equivalence.spec.ts), except for timings.
 */
export async function checkCandidates(input: CheckCandidatesInput, options: AnalyzeOptions = {}): Promise<AnalysisReport> {
  const started = performance.now();
  const stages = new Set<StageName>(options.stages ?? STAGES);
  const failOn = options.failOn ?? 'HIGH';
  const timings: StageTiming[] = [];
  const progress = options.onProgress ?? (() => undefined);

  // Last one wins for duplicate keys, as in mergeRegistry; key order, as analyze checks them.
  const byKey = new Map<string, Tool>();
  for (const tool of input.candidates) byKey.set(tool.key, tool);
  const candidates = [...byKey.values()].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));

  let t = performance.now();
  const subjects = await input.index.prepare(candidates);
  const view = new CandidateOverlay(input.index, subjects);
  timings.push({ stage: 'index', ms: elapsed(t), items: view.size });

  const toolFindings: ToolFinding[] = scanCandidates(view, subjects, input.serverTools);

  t = performance.now();
  const neighbourOptions: NeighbourOptions = {
    semanticNeighbours: stages.has('semantic') ? (options.semanticNeighbours ?? DEFAULT_SEMANTIC_NEIGHBOURS) : 0,
    minCosine: options.candidateMinCosine ?? DEFAULT_CANDIDATE_MIN_COSINE,
  };
  const flagged = findFlaggedPairs(view, subjects, stages, neighbourOptions, false, progress);
  timings.push({ stage: 'pairs', ms: elapsed(t), items: flagged.evaluated });

  // Only the candidates can still change: registry tools are already live.
  const patchable = (tool: Tool) => byKey.has(tool.key);
  const finished = await finishFlaggedPairs(flagged.pairs, view, subjects, { ...options, stageSet: stages, failOn, onProgress: progress, patchable });
  timings.push(...finished.timings);
  toolFindings.push(...finished.shift);
  return buildReport({ tools: view.size, checked: subjects.length, conflicts: finished.conflicts, toolFindings, failOn, started, timings });
}

/** Per-tool scan of each candidate; same-server tools (after the change) are siblings, as in analyze. */
function scanCandidates(view: CandidateOverlay, subjects: readonly IndexedTool[], serverTools?: (server: string) => Iterable<Tool>): ToolFinding[] {
  const servers = new Set(subjects.map((s) => s.tool.server));
  const byServer = new Map<string, Map<string, Tool>>();
  const add = (tool: Tool) => {
    let tools = byServer.get(tool.server);
    if (!tools) byServer.set(tool.server, (tools = new Map()));
    tools.set(tool.key, tool);
  };
  if (serverTools) {
    // The registry's tools of those servers, then the candidates (replacing their previous versions).
    for (const server of servers) for (const tool of serverTools(server)) add(tool);
    for (const s of subjects) add(s.tool);
  } else {
    for (const item of view.values()) if (servers.has(item.tool.server)) add(item.tool);
  }
  return subjects.flatMap((s) => {
    const siblings = [...(byServer.get(s.tool.server)?.values() ?? [])]
      .filter((tool) => tool.key !== s.tool.key)
      .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
      .map((tool) => tool.definition.name);
    return scanTool(s.tool, { siblings });
  });
}

