import { type NameFeatures } from './name-features';
import { Postings } from './postings';
import { MAX_PAIR_TOKENS, NEAR_NAME_MIN_LENGTH, PAIR_POSTING_CAP, TOKEN_POSTING_CAP } from './thresholds';

/**
 * Candidate retrieval for the lexical stage: which tools MAY lexically conflict with a name, without
 * comparing it to every tool. Five postings, all keyed by precomputed {@link NameFeatures}:
 * - collision key (exact and homoglyph collisions);
 * - SymSpell-style single-character deletions of the collision key: two keys within one insertion, deletion,
 *   substitution or adjacent transposition share a variant, so near names are found in O(name length) lookups;
 * - canonical token multiset (`create_issue` / `add_issue`);
 * - token pairs with at least one significant token, and single significant tokens, both capped
 *   (see thresholds.ts) so generic vocabulary never makes retrieval linear.
 * Incremental: `add` and `remove` keep every posting consistent.
 */
export class LexicalIndex {
  private readonly features = new Map<string, NameFeatures>();
  private readonly exact = new Postings();
  private readonly deletions = new Postings();
  private readonly multisets = new Postings();
  private readonly pairs = new Postings();
  private readonly tokens = new Postings();

  /** Adds (or replaces) the tool `key` with its name features. */
  add(key: string, features: NameFeatures): void {
    if (this.features.has(key)) this.remove(key);
    this.features.set(key, features);
    this.exact.add(features.collisionKey, key);
    for (const variant of deletionVariants(features.collisionKey)) this.deletions.add(variant, key);
    if (features.significantTokens.length > 0) this.multisets.add(features.tokenKey, key);
    for (const pair of tokenPairs(features)) this.pairs.add(pair, key);
    for (const token of features.significantTokens) this.tokens.add(token, key);
  }

  /** Removes the tool `key`; unknown keys are ignored. */
  remove(key: string): void {
    const features = this.features.get(key);
    if (!features) return;
    this.features.delete(key);
    this.exact.remove(features.collisionKey, key);
    for (const variant of deletionVariants(features.collisionKey)) this.deletions.remove(variant, key);
    this.multisets.remove(features.tokenKey, key);
    for (const pair of tokenPairs(features)) this.pairs.remove(pair, key);
    for (const token of features.significantTokens) this.tokens.remove(token, key);
  }

  /** Keys of indexed tools that may lexically conflict with `features` (never `selfKey`). Unordered. */
  candidates(features: NameFeatures, selfKey?: string): string[] {
    const out = new Set<string>();
    const key = features.collisionKey;
    this.exact.collect(key, out);
    if (key.length >= NEAR_NAME_MIN_LENGTH) {
      this.deletions.collect(key, out);
      for (const variant of deletionVariants(key)) {
        this.exact.collect(variant, out);
        this.deletions.collect(variant, out);
      }
    }
    if (features.significantTokens.length > 0) this.multisets.collect(features.tokenKey, out);
    for (const pair of tokenPairs(features)) this.pairs.collect(pair, out, PAIR_POSTING_CAP);
    for (const token of features.significantTokens) this.tokens.collect(token, out, TOKEN_POSTING_CAP);
    if (selfKey !== undefined) out.delete(selfKey);
    return [...out];
  }

  has(key: string): boolean {
    return this.features.has(key);
  }

  get size(): number {
    return this.features.size;
  }
}

/**
 * Single-deletion variants of a collision key. Keys shorter than the near-name minimum get none: their
 * near names are not reported anyway, and their variants (`l`, `s`) would match half the registry.
 */
function deletionVariants(key: string): Set<string> {
  const out = new Set<string>();
  // Code points, not UTF-16 units, so a deletion never splits a surrogate pair (CJK extension, emoji).
  if (/^[\u0000-\uD7FF\uE000-\uFFFF]*$/.test(key)) {
    if (key.length < NEAR_NAME_MIN_LENGTH) return out;
    for (let i = 0; i < key.length; i++) out.add(key.slice(0, i) + key.slice(i + 1));
    return out;
  }
  const chars = [...key];
  if (chars.length < NEAR_NAME_MIN_LENGTH) return out;
  for (let i = 0; i < chars.length; i++) out.add(chars.filter((_, j) => j !== i).join(''));
  return out;
}

function tokenPairs(features: NameFeatures): string[] {
  const tokens = [...features.uniqueTokens].slice(0, MAX_PAIR_TOKENS).sort();
  const significant = new Set(features.significantTokens);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (let j = i + 1; j < tokens.length; j++) {
      if (significant.has(tokens[i]) || significant.has(tokens[j])) out.push(`${tokens[i]}|${tokens[j]}`);
    }
  }
  return out;
}
