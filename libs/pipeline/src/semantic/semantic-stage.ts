import type { Finding, Severity, Tool } from '../model';
import { splitIdentifier } from '../text';
import { GENERIC_TERMS } from './concepts';
import { conceptTokens } from './features';
import { fingerprintText } from './fingerprint';
import { MAX_SHARED_TERMS, SEMANTIC_THRESHOLDS, type SemanticThresholds } from './thresholds';

/** Severity of a description-similarity cosine, or undefined below the LOW threshold. */
export function semanticSeverity(cosine: number, thresholds: SemanticThresholds = SEMANTIC_THRESHOLDS): Severity | undefined {
  if (cosine >= thresholds.critical) return 'CRITICAL';
  if (cosine >= thresholds.high) return 'HIGH';
  if (cosine >= thresholds.medium) return 'MEDIUM';
  if (cosine >= thresholds.low) return 'LOW';
  return undefined;
}

/**
 * The semantic stage's judgement on a pair, given the cosine of their fingerprint embeddings
 * (the caller embeds and indexes; this only explains). Empty below the LOW threshold.
 */
export function semanticFindings(
  a: Tool,
  b: Tool,
  cosine: number,
  thresholds: SemanticThresholds = SEMANTIC_THRESHOLDS,
): Finding[] {
  const severity = semanticSeverity(cosine, thresholds);
  if (!severity) return [];
  return [
    {
      stage: 'semantic',
      type: 'description-similarity',
      score: Math.max(0, Math.min(1, cosine)),
      severity,
      evidence: { cosine: Math.round(cosine * 1000) / 1000, sharedTerms: sharedSalientTerms(a, b) },
    },
  ];
}

/**
 * Content terms found in both tools' fingerprints (server names excluded), most telling first:
 * terms in both names, then by how often they occur in both texts; generic words last.
 */
export function sharedSalientTerms(a: Tool, b: Tool, max = MAX_SHARED_TERMS): string[] {
  const { counts: countsA, names: namesA } = termProfile(a);
  const { counts: countsB, names: namesB } = termProfile(b);
  const shared: { term: string; rank: number }[] = [];
  for (const [term, ca] of countsA) {
    const cb = countsB.get(term);
    if (!cb) continue;
    const inNames = namesA.has(term) && namesB.has(term) ? 100 : 0;
    const generic = GENERIC_TERMS.has(term) ? -50 : 0;
    shared.push({ term, rank: inNames + generic + Math.min(ca, cb) });
  }
  shared.sort((x, y) => y.rank - x.rank || (x.term < y.term ? -1 : 1));
  return shared.slice(0, max).map((s) => s.term);
}

interface TermProfile {
  counts: Map<string, number>;
  names: Set<string>;
}

/**
 * A tool's terms, computed once per tool object: a tool is compared with many neighbours, and
 * tokenising its fingerprint again for each pair was a large share of a big registry's analysis.
 */
const PROFILES = new WeakMap<Tool, TermProfile>();

function termProfile(tool: Tool): TermProfile {
  let profile = PROFILES.get(tool);
  if (!profile) {
    profile = { counts: termCounts(tool), names: new Set(conceptTokens(splitIdentifier(tool.definition.name).join(' '))) };
    PROFILES.set(tool, profile);
  }
  return profile;
}

function termCounts(tool: Tool): Map<string, number> {
  const text = fingerprintText(tool).split('\n').filter((line) => !line.startsWith('Server: ')).join('\n');
  const counts = new Map<string, number>();
  for (const t of conceptTokens(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
  counts.delete('tool');
  counts.delete('parameter');
  counts.delete('description');
  counts.delete('title');
  return counts;
}
