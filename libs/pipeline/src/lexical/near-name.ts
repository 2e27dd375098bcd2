import { distance } from 'fastest-levenshtein';
import type { Finding } from '../model';
import { isKnownVerb } from '../text';
import type { NameFeatures } from './name-features';
import { nearNameMaxDistance, TYPO_TOKEN_MIN_LENGTH } from './thresholds';

/** How two near names differ: a typo-like slip, a version suffix, or a different word (not a finding). */
export type EditKind = 'typo' | 'version-suffix' | 'different-word' | 'same-words';

/**
 * Near names: collision keys within a few edits, scaled to length. Only typo-like edits count: an edit that
 * swaps one whole meaningful word for another (`get_user` / `set_user`) is a different tool, and one that
 * only changes inflection (`get_issue` / `get_issues`) is left to the token-overlap check.
 */
export function nearNameFinding(a: NameFeatures, b: NameFeatures): Finding | undefined {
  const lengthA = [...a.collisionKey].length;
  const lengthB = [...b.collisionKey].length;
  const maxDistance = nearNameMaxDistance(Math.min(lengthA, lengthB));
  if (maxDistance === 0 || Math.abs(lengthA - lengthB) > maxDistance) return undefined;
  const edits = distance(a.collisionKey, b.collisionKey);
  if (edits === 0 || edits > maxDistance) return undefined;
  const kind = classifyEdit(a, b);
  if (kind === 'different-word' || kind === 'same-words') return undefined;
  const similarity = 1 - edits / Math.max(lengthA, lengthB);
  return {
    stage: 'lexical',
    type: 'near-name',
    // A typo-like twin is what an agent (and a reviewer) misreads; a version suffix is usually deliberate.
    severity: kind === 'typo' ? 'HIGH' : 'MEDIUM',
    score: round(kind === 'typo' ? similarity : similarity * 0.8),
    evidence: {
      a: a.raw,
      b: b.raw,
      normalisedA: a.collisionKey,
      normalisedB: b.collisionKey,
      distance: edits,
      maxDistance,
      kind,
      differingWords: { a: minus(a.stems, b.stems), b: minus(b.stems, a.stems) },
    },
  };
}

/** Classifies the word-level difference between two names whose keys are a few edits apart. */
export function classifyEdit(a: NameFeatures, b: NameFeatures): EditKind {
  const onlyA = minus(a.stems, b.stems);
  const onlyB = minus(b.stems, a.stems);
  if (onlyA.length === 0 && onlyB.length === 0) return 'same-words';
  if (onlyA.length === 0 || onlyB.length === 0) {
    const extra = onlyA.length === 0 ? onlyB : onlyA;
    return extra.every(isVersionLike) ? 'version-suffix' : 'typo';
  }
  if (onlyA.length === 1 && onlyB.length === 1) {
    const [x, y] = [onlyA[0], onlyB[0]];
    if (isVersionLike(x) && isVersionLike(y)) return 'version-suffix';
    // Short words and pairs of action verbs are whole words with their own meaning, not misspellings.
    if (Math.min(x.length, y.length) < TYPO_TOKEN_MIN_LENGTH) return 'different-word';
    if (isKnownVerb(x) && isKnownVerb(y)) return 'different-word';
    return 'typo';
  }
  // Word boundaries differ (`sendmessage` / `send_mesage`): the key distance is small, so it reads as a slip.
  return 'typo';
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
