import { type CandidateProfile, isGeneric } from './candidate-profile';

/**
 * Weights of the LocalRouter's score. Defaults were tuned on a seeded half of the public BFCL and
 * MetaTool routing items and checked on the other half (bench/routing/routing-accuracy.ts).
 */
export interface LocalRouterWeights {
  /** Share of the score from IDF-weighted query-term coverage over the candidate's fields. */
  lexical: number;
  /** Share from the embedding cosine of query and candidate text. */
  semantic: number;
  /** Share from how many of the candidate's own name words the request mentions (verb/object match). */
  name: number;
  /** Below this best score the router answers "none of these". */
  noneThreshold: number;
  /** The best candidate must also match this many non-generic query terms (or one more term of any kind), or the answer is "none". */
  minSpecificMatches: number;
  /** Credit for a query term found in the name, description or parameters. */
  fieldName: number;
  fieldDescription: number;
  fieldParameters: number;
  /** Credit (times the description's) for a prefix match: "calculator" for "calculate". */
  prefix: number;
  /** Weight of generic terms ("get", "list", "data") relative to others. */
  generic: number;
}

export const DEFAULT_ROUTER_WEIGHTS: LocalRouterWeights = {
  lexical: 0.7,
  semantic: 0.3,
  name: 0.15,
  // Low on purpose: on the public items, "none" is only reliable when almost nothing matches.
  noneThreshold: 0.078,
  // An embedding-only or single "get"/"list" match is not evidence of fit: +0.4 points on the tune split.
  minSpecificMatches: 1,
  fieldName: 1,
  fieldDescription: 0.85,
  fieldParameters: 0.3,
  prefix: 0.6,
  generic: 0.6,
};

const MIN_PREFIX = 4;

/** Per query term: its weight, from its rarity among the candidates (IDF, smoothed for small sets). */
export function termWeights(terms: readonly string[], profiles: readonly CandidateProfile[], w: LocalRouterWeights): number[] {
  const n = profiles.length;
  const maxIdf = Math.log(1 + (n + 1) / 0.5);
  return terms.map((t) => {
    let df = 0;
    for (const p of profiles) if (p.name.has(t) || p.description.has(t) || p.parameters.has(t)) df++;
    const idf = Math.log(1 + (n + 1) / (df + 0.5)) / maxIdf;
    return isGeneric(t) ? idf * w.generic : idf;
  });
}

/** How well one term is covered by one candidate, in [0, 1]. */
export function termMatch(term: string, p: CandidateProfile, w: LocalRouterWeights): number {
  let best = 0;
  if (p.name.has(term)) best = w.fieldName;
  const tf = p.description.get(term);
  if (tf) best = Math.max(best, w.fieldDescription * (tf > 1 ? 1.1 : 1));
  if (best < w.fieldParameters && p.parameters.has(term)) best = w.fieldParameters;
  if (best === 0 && term.length >= MIN_PREFIX && p.stems4.has(term.slice(0, MIN_PREFIX)) && hasPrefixMatch(term, p.vocabulary)) {
    best = w.prefix * w.fieldDescription;
  }
  return Math.min(1, best);
}

/** Fraction of the candidate's name words the request mentions (generic words count only if all are). */
export function nameCoverage(terms: ReadonlySet<string>, p: CandidateProfile): number {
  const specific = [...p.name].filter((t) => !isGeneric(t));
  const words = specific.length > 0 ? specific : [...p.name];
  if (words.length === 0) return 0;
  let hit = 0;
  for (const word of words) {
    if (terms.has(word)) hit++;
    else if (word.length >= MIN_PREFIX && hasPrefixMatch(word, terms)) hit += 0.6;
  }
  return hit / words.length;
}

function hasPrefixMatch(term: string, vocabulary: Iterable<string>): boolean {
  for (const v of vocabulary) {
    if (v.length < MIN_PREFIX) continue;
    const short = term.length <= v.length ? term : v;
    const long = short === term ? v : term;
    if (long.startsWith(short) || commonPrefix(term, v) >= 6) return true;
  }
  return false;
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}
