import { distance } from 'fastest-levenshtein';
import { EDGE_TYPO_MIN_LENGTH } from './thresholds';

/**
 * Whether two spellings differ the way typos and squatters' slips do, rather than as two real words:
 * an adjacent transposition (`scan`/`scna`), a doubled or dropped letter (`message`/`mesage`,
 * `expired`/`expireed`), a letter dropped inside a word, a QWERTY-neighbour substitution (`messqge`), or a
 * digit that imitates a letter (`t00ls`). Substitutions of far-apart keys (`code`/`node`, `notes`/`nodes`)
 * and letters added at a word's edge (`search`/`research`, `star`/`unstar`) are different words.
 */
export function isTypoEdit(x: string, y: string): boolean {
  if (x === y) return false;
  if (isAdjacentTransposition(x, y)) return true;
  if (distance(x, y) !== 1) return false;
  if (x.length === y.length) {
    const i = firstDifference(x, y);
    return keyboardNeighbours(x[i], y[i]) || lookalike(x[i], y[i]);
  }
  const [long, short] = x.length > y.length ? [x, y] : [y, x];
  const i = firstDifference(long, short);
  const doubled = long[i] === long[i - 1] || long[i] === long[i + 1];
  const interior = i > 0 && i < long.length - 1;
  // A letter lost at the edge of a long word is a slip (`ctivity`, `cance`); on short words it makes
  // another word (`lock`/`block`, `star`/`start`).
  return doubled || interior || long.length >= EDGE_TYPO_MIN_LENGTH;
}

/** Optimal-string-alignment distance for the cases the lexical stage needs: Levenshtein, with a swap of two neighbours counted as one edit. */
export function typoDistance(x: string, y: string): number {
  return isAdjacentTransposition(x, y) ? 1 : distance(x, y);
}

export function isAdjacentTransposition(x: string, y: string): boolean {
  if (x.length !== y.length || x === y) return false;
  const i = firstDifference(x, y);
  return i + 1 < x.length && x[i] === y[i + 1] && x[i + 1] === y[i] && x.slice(i + 2) === y.slice(i + 2);
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
}

const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const POSITION = new Map<string, [number, number]>();
ROWS.forEach((row, r) => [...row].forEach((ch, c) => POSITION.set(ch, [r, c])));

/** Keys next to each other on a QWERTY keyboard (same row ±1, or the row above/below, offset −1..+1). */
function keyboardNeighbours(a: string, b: string): boolean {
  const pa = POSITION.get(a);
  const pb = POSITION.get(b);
  if (!pa || !pb) return false;
  return Math.abs(pa[0] - pb[0]) <= 1 && Math.abs(pa[1] - pb[1]) <= 1;
}

const LOOKALIKES = new Set(['0o', '1l', '1i', '5s', '3e', '4a', '7t', '8b', 'il', 'vu']);

function lookalike(a: string, b: string): boolean {
  return LOOKALIKES.has(a + b) || LOOKALIKES.has(b + a);
}
