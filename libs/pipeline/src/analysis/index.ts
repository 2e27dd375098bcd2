export { analyze, type AnalyzeInput, type FlaggedPair } from './analyze';
export type { AnalyzeOptions, AnalyzeProgress } from './analyze-options';
export type { AnalysisReport, StageTiming } from './analysis-report';
export { ToolIndex, type IndexedTool } from './tool-index';
export { evaluatePair, type PairEvaluation } from './pair-evaluator';
export { mergeRegistry } from './registry-merge';
export { routeQuery, type RouteQueryResult } from './route-query';
