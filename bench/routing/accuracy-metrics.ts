/** Accuracy bookkeeping for routing-accuracy.ts: a scored item is correct when its decision matches the label. */
export interface Scored {
  p: { tune: boolean; dataset: string };
  /** Best candidate's score. */
  score: number;
  /** The best candidate is one of the expected tools. */
  hit: boolean;
  /** The item expects no tool. */
  none: boolean;
}

export interface Accuracy {
  overall: number;
  call: number;
  none: number;
  n: number;
  nCall: number;
  nNone: number;
}

function correct(s: Scored, threshold: number): boolean {
  return s.none ? s.score < threshold : s.score >= threshold && s.hit;
}

export function evaluate(scored: readonly Scored[], threshold: number): Accuracy {
  const calls = scored.filter((s) => !s.none);
  const nones = scored.filter((s) => s.none);
  const rate = (xs: readonly Scored[]): number => (xs.length ? xs.filter((s) => correct(s, threshold)).length / xs.length : 0);
  return { overall: rate(scored), call: rate(calls), none: rate(nones), n: scored.length, nCall: calls.length, nNone: nones.length };
}

/** The threshold (between observed scores) that maximises overall accuracy on `scored`. */
export function sweepThreshold(scored: readonly Scored[]): { threshold: number; accuracy: number } {
  const values = [...new Set(scored.map((s) => s.score))].sort((a, b) => a - b);
  // Sorted sweep: raising the threshold past a score flips that item's decision to "none".
  const sorted = [...scored].sort((a, b) => a.score - b.score);
  let correctCount = sorted.filter((s) => correct(s, 0)).length;
  let best = { threshold: 0, accuracy: correctCount / Math.max(1, sorted.length) };
  let i = 0;
  for (let v = 0; v < values.length; v++) {
    while (i < sorted.length && sorted[i].score <= values[v]) {
      const s = sorted[i];
      correctCount += (s.none ? 1 : 0) - (s.hit && !s.none ? 1 : 0);
      i++;
    }
    const threshold = v + 1 < values.length ? (values[v] + values[v + 1]) / 2 : values[v] + 1e-6;
    const accuracy = correctCount / sorted.length;
    if (accuracy > best.accuracy) best = { threshold: Math.round(threshold * 10000) / 10000, accuracy };
  }
  return best;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function formatRow(dataset: string, split: string, router: string, threshold: number, a: Accuracy): string {
  return `| ${dataset} | ${split} | ${router} | ${threshold.toFixed(3)} | ${pct(a.overall)} (n=${a.n}) | ${pct(a.call)} (n=${a.nCall}) | ${pct(a.none)} (n=${a.nNone}) |`;
}
