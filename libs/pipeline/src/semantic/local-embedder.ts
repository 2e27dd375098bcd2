import type { Embedder } from '../model';
import { textFeatures, type FeatureBag } from './features';
import { fnv1a } from './hash';

/** 512 signed hash buckets: collision noise between unrelated texts stays near ±0.04 cosine. */
export const LOCAL_EMBEDDER_DIMENSIONS = 512;
const MODEL_ID = 'local-hash-v1';

export interface LocalEmbedderOptions {
  dimensions?: number;
}

/**
 * Deterministic, offline embedder: stemmed, concept-normalised words and bigrams from each field
 * of a fingerprint (see fingerprintText), sublinear TF, per-field normalisation, signed feature
 * hashing into a fixed number of dimensions, L2-normalised. No weights to download.
 *
 * `fit(texts)` adds corpus IDF. It changes `model` (the IDF's checksum joins the id), so cached
 * vectors from an unfitted or differently fitted embedder are never mixed with these.
 */
export class LocalEmbedder implements Embedder {
  readonly dimensions: number;
  private idfTable: Map<string, number> | undefined;
  private idfId = '';
  private idfUnseen = 1;

  constructor(options: LocalEmbedderOptions = {}) {
    this.dimensions = options.dimensions ?? LOCAL_EMBEDDER_DIMENSIONS;
  }

  get model(): string {
    return `${MODEL_ID}-${this.dimensions}${this.idfId}`;
  }

  /** Learns inverse document frequencies from a corpus of texts (e.g. all fingerprints of a registry). */
  fit(texts: readonly string[]): this {
    const df = new Map<string, number>();
    for (const text of texts) for (const f of textFeatures(text).keys()) df.set(f, (df.get(f) ?? 0) + 1);
    const n = texts.length;
    const table = new Map<string, number>();
    let checksum = fnv1a(String(n));
    // Smoothed IDF, scaled so a feature seen in one document in a thousand weighs about 2x a common one.
    for (const [f, count] of df) {
      table.set(f, Math.log((n + 1) / (count + 1)) + 1);
      checksum = (checksum ^ fnv1a(`${f}:${count}`)) >>> 0;
    }
    this.idfTable = table;
    this.idfUnseen = Math.log(n + 1) + 1;
    this.idfId = `+idf-${checksum.toString(16)}`;
    return this;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    return this.embedSync(texts);
  }

  /** Same as `embed`, without the promise: the work is synchronous anyway. */
  embedSync(texts: readonly string[]): Float32Array[] {
    return texts.map((text) => this.embedOne(text));
  }

  embedOne(text: string): Float32Array {
    const table = this.idfTable;
    const unseen = this.idfUnseen;
    return this.hashFeatures(textFeatures(text, table ? (f) => table.get(f) ?? unseen : undefined));
  }

  private hashFeatures(bag: FeatureBag): Float32Array {
    const v = new Float32Array(this.dimensions);
    for (const [feature, weight] of bag) {
      const h = fnv1a(feature);
      const sign = h & 0x80000000 ? -1 : 1;
      v[h % this.dimensions] += sign * weight;
    }
    let norm = 0;
    for (let i = 0; i < v.length; i++) norm += v[i] * v[i];
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let i = 0; i < v.length; i++) v[i] *= inv;
    }
    return v;
  }
}

/** Cosine of two L2-normalised vectors (their dot product). */
export function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
