/** The plain baseline: BM25 over name + description of each item's candidates, IDF from those candidates. */
import { splitIdentifier, textTokens } from '../../libs/pipeline/src/text';

const K1 = 1.2;
const B = 0.75;

export interface Bm25Candidate {
  name: string;
  description: string;
}

/** Scores per candidate (unbounded, ≥ 0), in candidate order. */
export function bm25Scores(query: string, candidates: readonly Bm25Candidate[]): number[] {
  const docs = candidates.map((c) => textTokens(`${splitIdentifier(c.name).join(' ')} ${c.description ?? ''}`));
  const avgLength = docs.reduce((s, d) => s + d.length, 0) / Math.max(1, docs.length) || 1;
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const terms = [...new Set(textTokens(query))];
  const n = docs.length;
  return docs.map((d) => {
    const tf = new Map<string, number>();
    for (const t of d) tf.set(t, (tf.get(t) ?? 0) + 1);
    let score = 0;
    for (const t of terms) {
      const f = tf.get(t);
      if (!f) continue;
      const idf = Math.log(1 + (n - (df.get(t) ?? 0) + 0.5) / ((df.get(t) ?? 0) + 0.5));
      score += (idf * f * (K1 + 1)) / (f + K1 * (1 - B + (B * d.length) / avgLength));
    }
    return score;
  });
}
