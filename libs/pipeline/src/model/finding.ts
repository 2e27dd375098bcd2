import type { Severity } from './severity';
import type { ToolDefinition, ToolRef } from './tool';

export const STAGES = ['lexical', 'schema', 'semantic', 'routing'] as const;
export type StageName = (typeof STAGES)[number];

/** Evidence is plain JSON a person can read: tokens, parameters, probes. */
export type Evidence = Record<string, unknown>;

/** One stage's judgement on a pair of tools. `score` is in [0, 1]. */
export interface Finding {
  stage: StageName;
  type: string;
  score: number;
  severity: Severity;
  evidence: Evidence;
}

/** A finding about one tool on its own (poisoning cues, invalid name, excessive length). */
export interface ToolFinding {
  server: string;
  tool: string;
  type: string;
  severity: Severity;
  evidence: Evidence;
}

export type RecommendationKind = 'rename' | 'description' | 'schema' | 'scope';

/** A patch to one tool's definition, verified by re-running the pair through the pipeline. */
export interface Recommendation {
  kind: RecommendationKind;
  target: ToolRef;
  rationale: string;
  patch: { before: Partial<ToolDefinition>; after: Partial<ToolDefinition> };
  verification: { scoreBefore: number; scoreAfter: number };
  source: 'rules' | 'llm';
}

/** All findings for one unordered pair, merged. Severity is the highest finding's. */
export interface Conflict {
  /** Stable key of the unordered pair: the two tool keys, sorted, joined by `|`. */
  key: string;
  a: ToolRef;
  b: ToolRef;
  severity: Severity;
  score: number;
  findings: Finding[];
  recommendations: Recommendation[];
}

export function pairKey(keyA: string, keyB: string): string {
  return keyA < keyB ? `${keyA}|${keyB}` : `${keyB}|${keyA}`;
}
