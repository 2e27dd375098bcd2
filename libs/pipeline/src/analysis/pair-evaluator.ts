import { lexicalFindings } from '../lexical';
import { schemaFindings } from '../schema';
import { cosine, semanticFindings } from '../semantic';
import type { Finding, StageName } from '../model/finding';
import { actionCap, applyCap } from './severity-rules';
import type { IndexedTool } from './tool-index';

export interface PairEvaluation {
  findings: Finding[];
  /** True when stage 1 alone was decisive (CRITICAL): stages 3–4 were skipped for this pair. */
  shortCircuited: boolean;
  cosine?: number;
}

/** Jaccard similarity of the two tools' canonical name tokens: a cheap intent signal. */
export function tokenJaccard(a: IndexedTool, b: IndexedTool): number {
  // Names hold a handful of unique tokens: array scans, no per-pair allocation (this runs on every pair).
  const tokensA = a.name.uniqueTokens;
  const tokensB = b.name.uniqueTokens;
  let shared = 0;
  for (const t of tokensA) if (tokensB.includes(t)) shared++;
  const union = tokensA.length + tokensB.length - shared;
  return union === 0 ? 0 : shared / union;
}

/**
 * Stages 1–3 on one pair, cheapest first, with the name-based severity caps applied (severity-rules.ts). A pair that is already CRITICAL after the lexical stage
 * skips the semantic stage (and later the routing stage): nothing they find could raise it.
 */
export function evaluatePair(a: IndexedTool, b: IndexedTool, stages: ReadonlySet<StageName>): PairEvaluation {
  const findings: Finding[] = [];
  if (stages.has('lexical')) findings.push(...lexicalFindings(a, b));
  const shortCircuited = findings.some((f) => f.severity === 'CRITICAL');
  const cos = a.vector && b.vector ? cosine(a.vector, b.vector) : undefined;
  if (stages.has('schema')) {
    const intentSimilarity = Math.max(tokenJaccard(a, b), cos ?? 0);
    findings.push(...schemaFindings(a, b, { intentSimilarity }));
  }
  if (stages.has('semantic') && !shortCircuited && cos !== undefined) {
    findings.push(...semanticFindings(a.tool, b.tool, cos));
  }
  // Part of judging the pair, so every caller (full analysis, candidate checks, re-scans, patch
  // verification) gets the same severities.
  applyCap(findings, actionCap(a.name, b.name));
  return { findings, shortCircuited, cosine: cos };
}
