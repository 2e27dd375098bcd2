import type { Finding, Severity } from '../model';
import type { NameFeatures } from './name-features';
import { multisetMinus } from './near-name';
import { TOKEN_JACCARD_LOW, TOKEN_JACCARD_MEDIUM, TOKEN_SAME_MULTISET_SCORE } from './thresholds';

/**
 * Token overlap on canonical tokens (stemmed, verbs canonicalised), so synonyms meet.
 * - same canonical multiset, different words or order (`create_issue` / `add_issue`, `issue_create`): HIGH;
 * - same words, different inflection (`list_repository` / `list_repositories`): MEDIUM;
 * - Jaccard ≥ {@link TOKEN_JACCARD_MEDIUM}: MEDIUM; ≥ {@link TOKEN_JACCARD_LOW}: LOW.
 * Names that share only generic tokens (`get_*`, `list_*`, `id`) never overlap.
 */
export function tokenOverlapFinding(a: NameFeatures, b: NameFeatures): Finding | undefined {
  const bSignificant = new Set(b.significantTokens);
  const sharedSignificant = a.significantTokens.filter((t) => bSignificant.has(t));
  if (sharedSignificant.length === 0) return undefined;

  const bUnique = new Set(b.uniqueTokens);
  const shared = a.uniqueTokens.filter((t) => bUnique.has(t));
  const jaccard = shared.length / (a.uniqueTokens.length + b.uniqueTokens.length - shared.length);
  const evidence = {
    a: a.raw,
    b: b.raw,
    tokensA: a.tokens,
    tokensB: b.tokens,
    sharedTokens: shared,
    onlyA: a.uniqueTokens.filter((t) => !bUnique.has(t)),
    onlyB: b.uniqueTokens.filter((t) => !a.uniqueTokens.includes(t)),
    jaccard: round(jaccard),
  };

  if (a.tokenKey === b.tokenKey) {
    const sameWords = a.stems.join(' ') === b.stems.join(' ');
    const synonyms = pairUp(multisetMinus(a.stems, b.stems), multisetMinus(b.stems, a.stems));
    const kind = sameWords ? 'inflection' : synonyms.length > 0 ? 'synonym' : 'reordered';
    return finding(sameWords ? 'MEDIUM' : 'HIGH', sameWords ? 0.8 : TOKEN_SAME_MULTISET_SCORE, { ...evidence, kind, synonyms });
  }
  if (jaccard >= TOKEN_JACCARD_MEDIUM) return finding('MEDIUM', jaccard * 0.8, { ...evidence, kind: 'high-overlap' });
  if (jaccard >= TOKEN_JACCARD_LOW) return finding('LOW', jaccard * 0.6, { ...evidence, kind: 'partial-overlap' });
  return undefined;
}

function finding(severity: Severity, score: number, evidence: Record<string, unknown>): Finding {
  return { stage: 'lexical', type: 'token-overlap', severity, score: round(score), evidence };
}

/** Words that differ between the names but share a canonical form, e.g. `{ a: 'add', b: 'create' }`. */
function pairUp(onlyA: string[], onlyB: string[]): { a: string; b: string }[] {
  return onlyA.map((a, i) => ({ a, b: onlyB[i] })).filter((p) => p.b !== undefined);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
