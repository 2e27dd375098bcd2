import { createHash } from 'node:crypto';
import type { Embedder } from '@toolgate/pipeline';
import { ProviderError } from '../provider.errors';

/** One stored vector, keyed by (model, SHA-256 hex of the text). */
export interface CachedVector {
  textHash: string;
  vector: Float32Array;
}

/**
 * Where embeddings persist across runs and processes. libs/db's EmbeddingCacheRepository (Postgres,
 * the `EmbeddingCache` table) has this shape; `MemoryEmbeddingCache` is the in-process one.
 */
export interface EmbeddingCacheStore {
  /** The stored vectors of these hashes (missing ones are simply absent). */
  getMany(model: string, textHashes: readonly string[]): Promise<Map<string, Float32Array>>;
  putMany(model: string, entries: readonly CachedVector[]): Promise<void>;
}

/** SHA-256 hex of a text: the cache key next to the model. */
export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Wraps an embedder with a persistent cache: only texts never embedded by this model reach the
 * provider, so re-analysing an unchanged registry costs no embedding calls. A cached vector of
 * another size than the embedder's is an error (the model or EMBEDDING_DIMENSIONS changed under the
 * same model id), never mixed into the index.
 */
export class CachedEmbedder implements Embedder {
  readonly model: string;
  readonly dimensions: number;

  constructor(
    private readonly inner: Embedder,
    private readonly store: EmbeddingCacheStore,
  ) {
    this.model = inner.model;
    this.dimensions = inner.dimensions;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const hashes = texts.map(textHash);
    const found = await this.store.getMany(this.model, [...new Set(hashes)]);
    for (const [hash, vector] of found) {
      if (vector.length !== this.dimensions) {
        throw new ProviderError('PROVIDER.DIMENSION_MISMATCH', this.model, `cached vector ${hash.slice(0, 12)} has ${vector.length} dimensions, expected ${this.dimensions}: clear the embedding cache for this model`);
      }
    }
    const missing = new Map<string, string>();
    hashes.forEach((h, i) => {
      if (!found.has(h)) missing.set(h, texts[i]);
    });
    if (missing.size > 0) {
      const vectors = await this.inner.embed([...missing.values()]);
      const entries = [...missing.keys()].map((h, i) => ({ textHash: h, vector: vectors[i] }));
      await this.store.putMany(this.model, entries);
      for (const e of entries) found.set(e.textHash, e.vector);
    }
    return hashes.map((h) => found.get(h) as Float32Array);
  }
}

/** An in-process EmbeddingCacheStore (tests, the CLI within one run). */
export class MemoryEmbeddingCache implements EmbeddingCacheStore {
  private readonly entries = new Map<string, Float32Array>();

  async getMany(model: string, textHashes: readonly string[]): Promise<Map<string, Float32Array>> {
    const out = new Map<string, Float32Array>();
    for (const h of textHashes) {
      const v = this.entries.get(`${model}\u0000${h}`);
      if (v) out.set(h, v);
    }
    return out;
  }

  async putMany(model: string, entries: readonly CachedVector[]): Promise<void> {
    for (const e of entries) this.entries.set(`${model}\u0000${e.textHash}`, e.vector);
  }
}
