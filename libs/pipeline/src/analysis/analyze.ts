import { scanTool } from '../scan';
import { LocalEmbedder } from '../semantic';
import { STAGES, type Finding, type StageName, type ToolFinding } from '../model/finding';
import type { Tool } from '../model/tool';
import { DEFAULT_CANDIDATE_MIN_COSINE, DEFAULT_SEMANTIC_NEIGHBOURS, type AnalyzeOptions } from './analyze-options';
import type { AnalysisReport, StageTiming } from './analysis-report';
import { finishFlaggedPairs } from './flagged-pairs-finish';
import { buildReport, elapsed } from './report-builder';
import { evaluatePair } from './pair-evaluator';
import { mergeRegistry } from './registry-merge';
import { ToolIndex, type IndexedTool, type NeighbourOptions } from './tool-index';

export interface AnalyzeInput {
  /** The registry as it stands. */
  registry: readonly Tool[];
  /** When given, only these tools are checked (against the registry and each other): the CI case. */
  candidates?: readonly Tool[];
}

/** A pair that stages 1–3 flagged, with what they found. */
export interface FlaggedPair {
  a: IndexedTool;
  b: IndexedTool;
  findings: Finding[];
  shortCircuited: boolean;
}

const PROGRESS_EVERY = 256;

/**
 * Runs the conflict pipeline: index the registry, evaluate candidate pairs through stages 1–3
 * (cheapest first, short-circuiting), then finish the flagged pairs (finishFlaggedPairs: simulate
 * routing, merge findings into conflicts, attach verified recommendations).
 */
export async function analyze(input: AnalyzeInput, options: AnalyzeOptions = {}): Promise<AnalysisReport> {
  const started = performance.now();
  const stages = new Set<StageName>(options.stages ?? STAGES);
  const failOn = options.failOn ?? 'HIGH';
  const needsVectors = stages.has('semantic') || stages.has('routing');
  const embedder = needsVectors ? (options.embedder ?? new LocalEmbedder()) : undefined;
  const timings: StageTiming[] = [];
  const progress = options.onProgress ?? (() => undefined);

  // Key order, so the result does not depend on the order tools were read in.
  const all = mergeRegistry(input.registry, input.candidates ?? []).sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  let t = performance.now();
  const index = new ToolIndex(embedder, options.vectorIndex);
  progress({ phase: 'index', done: 0, total: all.length });
  const prepared = await index.prepare(all);
  // A candidate check indexes everything up front and queries only the candidates. A full analysis
  // inserts each tool after querying it instead (see findFlaggedPairs): every pair is then found once,
  // from its later tool, which halves the index queries.
  const fullAnalysis = input.candidates === undefined;
  if (!fullAnalysis) for (const item of prepared) index.insert(item);
  progress({ phase: 'index', done: all.length, total: all.length });
  timings.push({ stage: 'index', ms: elapsed(t), items: all.length });

  const candidateKeys = new Set(input.candidates?.map((c) => c.key));
  const subjects = fullAnalysis ? prepared : prepared.filter((p) => candidateKeys.has(p.tool.key));
  // Mentions of same-server siblings are workflow ("then call upload_file"), not shadowing.
  const namesByServer = new Map<string, string[]>();
  for (const tool of all) {
    const names = namesByServer.get(tool.server);
    if (names) names.push(tool.definition.name);
    else namesByServer.set(tool.server, [tool.definition.name]);
  }
  const toolFindings: ToolFinding[] = subjects.flatMap((s) =>
    scanTool(s.tool, { siblings: (namesByServer.get(s.tool.server) ?? []).filter((n) => n !== s.tool.definition.name) }),
  );

  t = performance.now();
  const neighbourOptions = {
    semanticNeighbours: stages.has('semantic') ? (options.semanticNeighbours ?? DEFAULT_SEMANTIC_NEIGHBOURS) : 0,
    minCosine: options.candidateMinCosine ?? DEFAULT_CANDIDATE_MIN_COSINE,
  };
  const flagged = findFlaggedPairs(index, subjects, stages, neighbourOptions, fullAnalysis, progress);
  // Stages 1–3 run interleaved per pair (that is what lets a cheap stage short-circuit the others),
  // so they are timed together.
  timings.push({ stage: 'pairs', ms: elapsed(t), items: flagged.evaluated });

  // In a candidate check, only the candidates can still change: registry tools are already live.
  const patchable = input.candidates ? (tool: Tool) => candidateKeys.has(tool.key) : undefined;
  const finished = await finishFlaggedPairs(flagged.pairs, index, input.candidates ? subjects : [], { ...options, stageSet: stages, failOn, onProgress: progress, patchable });
  timings.push(...finished.timings);
  toolFindings.push(...finished.shift);
  const conflicts = finished.conflicts;

  return buildReport({ tools: all.length, checked: subjects.length, conflicts, toolFindings, failOn, started, timings });
}

/**
 * Stages 1–3 on each subject's neighbours, each unordered pair once. With `insertAfterQuery` (a full analysis) each
 * subject enters the index after its query, so every pair is found from its later tool; without it (candidates
 * against an index that already holds them) pairs two subjects share are deduplicated by key.
 */
export function findFlaggedPairs(
  index: ToolIndex,
  subjects: readonly IndexedTool[],
  stages: ReadonlySet<StageName>,
  neighbourOptions: NeighbourOptions,
  insertAfterQuery: boolean,
  progress: NonNullable<AnalyzeOptions['onProgress']>,
): { pairs: FlaggedPair[]; evaluated: number } {
  const seen = new Set<string>();
  const pairs: FlaggedPair[] = [];
  let evaluated = 0;
  subjects.forEach((subject, i) => {
    for (const key of index.neighbours(subject, neighbourOptions)) {
      const other = index.get(key);
      if (!other) continue;
      // A full analysis finds each pair once (from its later tool); only candidates can meet twice.
      if (!insertAfterQuery) {
        const id = subject.tool.key < key ? `${subject.tool.key}|${key}` : `${key}|${subject.tool.key}`;
        if (seen.has(id)) continue;
        seen.add(id);
      }
      evaluated++;
      // Evaluated in key order, so evidence ("a", "b") does not depend on which side found the pair.
      const [a, b] = subject.tool.key < key ? [subject, other] : [other, subject];
      const evaluation = evaluatePair(a, b, stages);
      if (evaluation.findings.length > 0) {
        pairs.push({ a, b, findings: evaluation.findings, shortCircuited: evaluation.shortCircuited });
      }
    }
    if (insertAfterQuery) index.insert(subject);
    if ((i + 1) % PROGRESS_EVERY === 0 || i + 1 === subjects.length) progress({ phase: 'pairs', done: i + 1, total: subjects.length });
  });
  return { pairs, evaluated };
}
