import type { Embedder } from '../model/providers';
import { ToolIndexCache } from './tool-index-cache';

/**
 * One ToolIndexCache per embedder (the API's CI gate and the worker's re-scans): an environment whose
 * provider overrides choose another embedder gets its own indexes, so vectors of one embedder are never
 * compared with another's, even for the same environment after its overrides change. Keyed weakly by
 * the embedder instance: a provider set that is dropped (and its embedder) takes its indexes with it.
 */
export class ToolIndexCaches {
  private readonly caches = new WeakMap<Embedder, ToolIndexCache>();

  /** The cache whose indexes are embedded by `embedder`. */
  for(embedder: Embedder): ToolIndexCache {
    let cache = this.caches.get(embedder);
    if (!cache) {
      cache = new ToolIndexCache(() => embedder);
      this.caches.set(embedder, cache);
    }
    return cache;
  }
}
