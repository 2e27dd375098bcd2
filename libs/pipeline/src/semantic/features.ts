import { textTokens } from '../text';
import { canonicalConcept, GENERIC_TERMS } from './concepts';
import { FINGERPRINT_FIELDS } from './fingerprint';

/**
 * Field weights of a fingerprint. Each field's features are L2-normalised before weighting, so a
 * 1,500-character description cannot drown the name: the name says what the tool does, the
 * description how, the parameters what it needs, the server only where it lives.
 */
export const FIELD_WEIGHTS = { name: 1.0, title: 0.5, description: 1.0, parameters: 0.45, server: 0.1, body: 1.0 } as const;
export type FieldName = keyof typeof FIELD_WEIGHTS;

/** Bigrams carry phrase meaning ("pull request" vs "pull" + "request") at a lower weight than words. */
const BIGRAM_WEIGHT = 0.5;
const GENERIC_WEIGHT = 0.35;

/** Sparse features: feature string → weight. */
export type FeatureBag = Map<string, number>;

/** Content tokens with stemming, canonical verbs and canonical concepts. */
export function conceptTokens(text: string): string[] {
  return textTokens(text).map(canonicalConcept);
}

/** Splits fingerprint text into its fields by line prefix; unprefixed text (a query) is `body`. */
export function splitFields(text: string): [FieldName, string][] {
  const out: [FieldName, string][] = [];
  const prefixes = Object.entries(FINGERPRINT_FIELDS) as [FieldName, string][];
  for (const line of text.split('\n')) {
    const hit = prefixes.find(([, prefix]) => line.startsWith(prefix));
    out.push(hit ? [hit[0], line.slice(hit[1].length)] : ['body', line]);
  }
  return out;
}

/**
 * Per-field, L2-normalised, sublinear-TF features of one text, merged with field weights.
 * `idf` (optional) multiplies each feature's weight before normalisation.
 */
export function textFeatures(text: string, idf?: (feature: string) => number): FeatureBag {
  const merged: FeatureBag = new Map();
  for (const [field, content] of splitFields(text)) {
    const weight = FIELD_WEIGHTS[field];
    const bag = fieldFeatures(conceptTokens(content), idf);
    let norm = 0;
    for (const v of bag.values()) norm += v * v;
    if (norm === 0) continue;
    const scale = weight / Math.sqrt(norm);
    for (const [f, v] of bag) merged.set(f, (merged.get(f) ?? 0) + v * scale);
  }
  return merged;
}

function fieldFeatures(tokens: string[], idf?: (feature: string) => number): FeatureBag {
  const tf = new Map<string, number>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    tf.set(t, (tf.get(t) ?? 0) + 1);
    if (i > 0) {
      const b = `${tokens[i - 1]} ${t}`;
      tf.set(b, (tf.get(b) ?? 0) + 1);
    }
  }
  const bag: FeatureBag = new Map();
  for (const [f, count] of tf) {
    const isBigram = f.includes(' ');
    let w = 1 + Math.log(count);
    if (isBigram) w *= BIGRAM_WEIGHT;
    else if (GENERIC_TERMS.has(f)) w *= GENERIC_WEIGHT;
    if (idf) w *= idf(f);
    bag.set(f, w);
  }
  return bag;
}
