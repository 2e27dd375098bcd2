import type { Finding, Severity } from '../model';
import type { NameFeatures } from './name-features';
import { multisetMinus } from './near-name';
import { LOW_MIN_SHARED_SIGNIFICANT, TOKEN_JACCARD_LOW, TOKEN_JACCARD_MEDIUM, TOKEN_SAME_MULTISET_SCORE } from './thresholds';

/**
 * Token overlap on canonical tokens (stemmed, verbs canonicalised), so synonyms meet.
 * - same canonical multiset, different words or order (`create_issue` / `add_issue`, `issue_create`): HIGH;
 * - same words, different inflection (`list_repository` / `list_repositories`): MEDIUM;
 * - Jaccard ≥ {@link TOKEN_JACCARD_MEDIUM}: MEDIUM; ≥ {@link TOKEN_JACCARD_LOW}: LOW.
 * Partial overlaps also need the same head object (last significant token). Names that share only generic
 * tokens (`get_*`, `list_*`, `id`) never overlap, and neither do names whose action verbs differ
 * (`get_invoice` / `delete_invoice`).
 */
export function tokenOverlapFinding(a: NameFeatures, b: NameFeatures): Finding | undefined {
  // Names hold a handful of tokens: array scans beat building sets on this hot path.
  if (!a.significantTokens.some((t) => b.significantTokens.includes(t))) return undefined;
  const sameMultiset = a.tokenKey === b.tokenKey;
  if (!sameMultiset && differentActions(a, b)) return undefined;

  const shared = a.uniqueTokens.filter((t) => b.uniqueTokens.includes(t));
  const jaccard = shared.length / (a.uniqueTokens.length + b.uniqueTokens.length - shared.length);
  if (!sameMultiset && (jaccard < TOKEN_JACCARD_LOW || headNoun(a) !== headNoun(b))) return undefined;
  const bUnique = new Set(b.uniqueTokens);
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

  if (sameMultiset) {
    const sameWords = a.stems.join(' ') === b.stems.join(' ');
    const synonyms = pairUp(multisetMinus(a.stems, b.stems), multisetMinus(b.stems, a.stems));
    const kind = sameWords ? 'inflection' : synonyms.length > 0 ? 'synonym' : 'reordered';
    return finding(sameWords ? 'MEDIUM' : 'HIGH', sameWords ? 0.8 : TOKEN_SAME_MULTISET_SCORE, { ...evidence, kind, synonyms });
  }
  if (jaccard >= TOKEN_JACCARD_MEDIUM) return finding('MEDIUM', jaccard * 0.8, { ...evidence, kind: 'high-overlap' });
  // A partial overlap needs two shared meaningful words (`bank account`), not just the object (`subscriptions`).
  const sharedSignificant = a.significantTokens.filter((t) => b.significantTokens.includes(t)).length;
  if (jaccard >= TOKEN_JACCARD_LOW && sharedSignificant >= LOW_MIN_SHARED_SIGNIFICANT) {
    return finding('LOW', jaccard * 0.6, { ...evidence, kind: 'partial-overlap' });
  }
  return undefined;
}

/**
 * The object a name acts on: its last significant token (`list_open_invoices` → invoice). Partial overlaps
 * count only on the same object; `export_verified_services` / `export_verified_obligations` share two words
 * but act on different things.
 */
function headNoun(f: NameFeatures): string | undefined {
  for (let i = f.tokens.length - 1; i >= 0; i--) if (f.significantTokens.includes(f.tokens[i])) return f.tokens[i];
  return undefined;
}

/**
 * Both names state an action and the actions differ (`get_invoice` / `delete_invoice`): an agent picks by
 * the verb, so sharing the object is not a lexical conflict (the semantic stage judges descriptions).
 */
function differentActions(a: NameFeatures, b: NameFeatures): boolean {
  return a.verbs.length > 0 && b.verbs.length > 0 && !a.verbs.some((v) => b.verbs.includes(v));
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
