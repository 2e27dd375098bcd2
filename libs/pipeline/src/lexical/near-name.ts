import type { Finding } from '../model';
import { canonicalVerb, isKnownVerb, stem } from '../text';
import type { NameFeatures } from './name-features';
import { nearNameMaxDistance, TYPO_TOKEN_MIN_LENGTH } from './thresholds';
import { isAdjacentTransposition, isTypoEdit, typoDistance } from './typo';

/** How two near names differ: a typo-like slip, a version suffix, or a different word (not a finding). */
export type EditKind = 'typo' | 'letter-prefix' | 'version-suffix' | 'different-word' | 'same-words';

/**
 * Near names: collision keys within a few edits (a swap of neighbours counts as one), scaled to length.
 * Only typo-like edits count (see {@link isTypoEdit}): an edit that swaps one whole meaningful word for
 * another (`get_user` / `set_user`, `search_code` / `search_nodes`, `star` / `unstar`) is a different tool,
 * and one that only changes inflection (`get_issue` / `get_issues`) is left to the token-overlap check.
 */
export function nearNameFinding(a: NameFeatures, b: NameFeatures): Finding | undefined {
  // UTF-16 lengths, as the index and Levenshtein use: consistent, and no allocation on this hot path.
  const lengthA = a.collisionKey.length;
  const lengthB = b.collisionKey.length;
  const maxDistance = nearNameMaxDistance(Math.min(lengthA, lengthB));
  if (maxDistance === 0 || Math.abs(lengthA - lengthB) > maxDistance) return undefined;
  const edits = typoDistance(a.collisionKey, b.collisionKey);
  if (edits === 0 || edits > maxDistance) return undefined;
  const kind = classifyEdit(a, b);
  if (kind === 'different-word' || kind === 'same-words') return undefined;
  const similarity = 1 - edits / Math.max(lengthA, lengthB);
  return {
    stage: 'lexical',
    type: 'near-name',
    // A typo-like twin is what an agent (and a reviewer) misreads; a version suffix is usually deliberate.
    severity: kind === 'version-suffix' ? 'MEDIUM' : 'HIGH',
    score: round(kind === 'version-suffix' ? similarity * 0.8 : similarity),
    evidence: {
      a: a.raw,
      b: b.raw,
      normalisedA: a.collisionKey,
      normalisedB: b.collisionKey,
      distance: edits,
      maxDistance,
      kind,
      differingWords: { a: minus(a.words, b.words), b: minus(b.words, a.words) },
    },
  };
}

/** Prefixes that turn a word into another word (`star`/`unstar`, `search`/`research`), never a slip. */
const AFFIXES = ['un', 're', 'de', 'dis', 'non', 'in', 'im', 'pre', 'sub', 'auto', 'multi', 'bulk'];

/** Classifies the word-level difference between two names whose keys are a few edits apart. */
export function classifyEdit(a: NameFeatures, b: NameFeatures): EditKind {
  const onlyA = minus(a.words, b.words);
  const onlyB = minus(b.words, a.words);
  if (onlyA.length === 0 && onlyB.length === 0) return 'same-words';
  if (onlyA.length === 0 || onlyB.length === 0) {
    const [longer, extra] = onlyA.length === 0 ? [b, onlyB] : [a, onlyA];
    // A lone letter stuck in front (`m_check` / `check`) imitates the original: a squatter's move.
    if (extra.length === 1 && extra[0].length === 1 && /\p{L}/u.test(extra[0]) && longer.words[0] === extra[0]) return 'letter-prefix';
    // Otherwise extra words are a version suffix, or a more specific name (`getUIComponents`), not a slip.
    return extra.every(isVersionLike) ? 'version-suffix' : 'different-word';
  }
  if (onlyA.length === onlyB.length && onlyA.length <= 2) {
    // Words in name order: each changed word must be a slip or an inflection (two typos in a long name).
    const kinds = onlyA.map((x, i) => classifyWord(x, onlyB[i]));
    if (kinds.every((k) => k === 'same-words')) return 'same-words';
    if (kinds.every((k) => k === 'version-suffix')) return 'version-suffix';
    if (kinds.every((k) => k === 'typo' || k === 'same-words')) return 'typo';
    // A swap across a word boundary (`importcSheduled`) garbles two words at once: still one slip.
    return isAdjacentTransposition(a.collisionKey, b.collisionKey) ? 'typo' : 'different-word';
  }
  // Word boundaries differ (`sendmessage` / `send_mesage`): judge the edit on the whole keys.
  return isTypoEdit(a.collisionKey, b.collisionKey) ? 'typo' : 'different-word';
}

function classifyWord(x: string, y: string): EditKind {
  if (stem(x) === stem(y)) return 'same-words';
  if (isVersionLike(x) && isVersionLike(y)) return 'version-suffix';
  // Short words and pairs of action verbs are whole words with their own meaning, not misspellings.
  if (Math.max(x.length, y.length) < TYPO_TOKEN_MIN_LENGTH) return 'different-word';
  if (isKnownVerb(canonicalVerb(stem(x))) && isKnownVerb(canonicalVerb(stem(y)))) return 'different-word';
  if (AFFIXES.some((p) => x.startsWith(p + y) || y.startsWith(p + x))) return 'different-word';
  return isTypoEdit(x, y) ? 'typo' : 'different-word';
}

function isVersionLike(token: string): boolean {
  return /^(v?\p{N}+|\p{L})$/u.test(token);
}

/** Multiset difference `a − b`. */
function minus(a: readonly string[], b: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const t of b) left.set(t, (left.get(t) ?? 0) + 1);
  const out: string[] = [];
  for (const t of a) {
    const n = left.get(t) ?? 0;
    if (n > 0) left.set(t, n - 1);
    else out.push(t);
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export { minus as multisetMinus };
