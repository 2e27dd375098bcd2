import { type NameFeatures } from './name-features';
import { Postings } from './postings';
import { typoDistance } from './typo';
import { NEAR_NAME_MIN_LENGTH, nearNameMaxDistance, PAIR_POSTING_CAP, TOKEN_POSTING_CAP } from './thresholds';

/**
 * Candidate retrieval for the lexical stage: which tools MAY lexically conflict with a name, without
 * comparing it to every tool. Postings keyed by precomputed {@link NameFeatures}:
 * - collision key (exact and homoglyph collisions);
 * - halves of the collision key, filed with the key length (pigeonhole filter for edit distance): two keys
 *   within one edit (or two edits in the same half) share an aligned half, so near names are found with
 *   a handful of lookups, then verified with Levenshtein before they are returned;
 * - canonical token multiset (`create_issue` / `add_issue`);
 * - token pairs with at least one significant token, and single significant tokens, both capped
 *   (see thresholds.ts) so generic vocabulary never makes retrieval linear.
 * Incremental: `add` and `remove` keep every posting consistent.
 */
export class LexicalIndex {
  private readonly features = new Map<string, NameFeatures>();
  private readonly exact = new Postings();
  private readonly prefixes = new Postings();
  private readonly suffixes = new Postings();
  private readonly outers = new Postings();
  private readonly multisets = new Postings();
  private readonly pairs = new Postings();
  private readonly tokens = new Postings();

  /** Adds (or replaces) the tool `key` with its name features. */
  add(key: string, features: NameFeatures): void {
    if (this.features.has(key)) this.remove(key);
    this.features.set(key, features);
    this.file(features, (postings, term, value = key) => postings.add(term, value));
  }

  /** Removes the tool `key`; unknown keys are ignored. */
  remove(key: string): void {
    const features = this.features.get(key);
    if (!features) return;
    this.features.delete(key);
    this.file(features, (postings, term, value = key) => postings.remove(term, value));
  }

  /** Keys of indexed tools that may lexically conflict with `features` (never `selfKey`). Unordered. */
  candidates(features: NameFeatures, selfKey?: string): string[] {
    const out = new Set<string>();
    this.exact.collect(features.collisionKey, out);
    this.nearNames(features.collisionKey, out);
    if (features.significantTokens.length > 0) this.multisets.collect(features.tokenKey, out);
    for (const pair of features.tokenPairs) this.pairs.collect(pair, out, PAIR_POSTING_CAP);
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

  /** Files (or unfiles) one tool: `apply(postings, term, value?)` with value defaulting to the tool key. */
  private file(f: NameFeatures, apply: (postings: Postings, term: string, value?: string) => void): void {
    // Near-name postings hold collision keys, not tool keys: filed once per distinct key (when the first
    // tool with it arrives, unfiled when the last leaves), so tools sharing a key are verified once.
    const firstOrLast = !this.exact.has(f.collisionKey);
    apply(this.exact, f.collisionKey);
    const length = f.collisionKey.length;
    if ((firstOrLast || !this.exact.has(f.collisionKey)) && length >= NEAR_NAME_MIN_LENGTH) {
      const half = length >> 1;
      apply(this.prefixes, `${length}|${f.collisionKey.slice(0, half)}`, f.collisionKey);
      apply(this.suffixes, `${length}|${f.collisionKey.slice(half)}`, f.collisionKey);
      // A swap of the two characters around the cut changes both halves: file the key without them too.
      apply(this.outers, outerKey(f.collisionKey), f.collisionKey);
    }
    if (f.significantTokens.length > 0) apply(this.multisets, f.tokenKey);
    for (const pair of f.tokenPairs) apply(this.pairs, pair);
    for (const token of f.significantTokens) apply(this.tokens, token);
  }

  /**
   * Tools within the near-name edit budget (keys whose lengths differ by at most one). For each such length, the other key's
   * first half must equal our prefix of that length (edits in its second half) or its second half must
   * equal our suffix (edits in its first half). Hits are verified, so only true near names come back.
   */
  private nearNames(key: string, out: Set<string>): void {
    const length = key.length;
    const budget = nearNameMaxDistance(length);
    if (budget === 0) return;
    const found: string[] = [];
    // Lengths within one: a length gap of two needs two insertions, which the typo classifier rarely accepts,
    // and looking there doubled the verifications on a realistic 50k registry.
    for (let other = Math.max(NEAR_NAME_MIN_LENGTH, length - 1); other <= length + 1; other++) {
      const half = other >> 1;
      this.prefixes.collectInto(`${other}|${key.slice(0, half)}`, found);
      if (length - (other - half) >= 0) this.suffixes.collectInto(`${other}|${key.slice(length - (other - half))}`, found);
    }
    this.outers.collectInto(outerKey(key), found);
    if (found.length === 0) return;
    const mask = letterMask(key);
    const checked = new Set<string>([key]);
    for (const otherKey of found) {
      if (checked.has(otherKey)) continue;
      checked.add(otherKey);
      const allowed = nearNameMaxDistance(Math.min(length, otherKey.length));
      // One edit changes which letters occur by at most two: a cheap reject before Levenshtein.
      if (popcount(mask ^ letterMask(otherKey)) > 2 * allowed) continue;
      if (typoDistance(key, otherKey) <= allowed) this.exact.collect(otherKey, out);
    }
  }
}

/** The key without the two characters around its middle cut, with its length. */
function outerKey(key: string): string {
  const half = key.length >> 1;
  return `${key.length}|${key.slice(0, half - 1)}|${key.slice(half + 1)}`;
}

/** 32-bit set of the characters in a key (letters and digits folded onto 32 bits). */
function letterMask(key: string): number {
  let mask = 0;
  for (let i = 0; i < key.length; i++) mask |= 1 << (key.charCodeAt(i) & 31);
  return mask;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
