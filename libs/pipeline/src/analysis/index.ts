export { analyze, type AnalyzeInput, type FlaggedPair } from './analyze';
export { finishFlaggedPairs, type FinishedPairs, type FinishOptions } from './flagged-pairs-finish';
export {
  DEFAULT_CANDIDATE_MIN_COSINE,
  DEFAULT_PROBES_PER_TOOL,
  DEFAULT_ROUTING_THRESHOLD,
  DEFAULT_SEMANTIC_NEIGHBOURS,
  DEFAULT_TRIALS,
  type AnalyzeOptions,
  type AnalyzeProgress,
} from './analyze-options';
export type { AnalysisReport, StageTiming } from './analysis-report';
export { ToolIndex, type IndexedTool } from './tool-index';
export { evaluatePair, type PairEvaluation } from './pair-evaluator';
export { mergeRegistry } from './registry-merge';
export { buildConflict, pairScore } from './conflict-builder';
export { routeQuery, type RouteQueryResult } from './route-query';
export {
  MAX_CACHED_ENVIRONMENTS,
  ToolIndexCache,
  type IndexRead,
  type IndexSync,
  type RegistryChanges,
  type RegistryRevision,
  type RegistrySource,
  type VersionedTool,
} from './tool-index-cache';
export { ToolIndexCaches } from './tool-index-caches';
export { ReadWriteLock } from './read-write-lock';
export { checkCandidates, type CheckCandidatesInput } from './check-candidates';
