import type { RecommenderDraft } from '@toolgate/pipeline';
import { BoundedMap, MEMORY_CACHE_ENTRIES } from './bounded-map';

/**
 * Where LLM recommendation drafts persist, by (model, request hash). libs/db's
 * RecommendationDraftCacheRepository (Postgres) has this shape; `MemoryDraftCache` is the in-process one.
 * Drafts are cached unverified: verification runs on every analysis.
 */
export interface DraftCacheStore {
  get(model: string, requestHash: string): Promise<RecommenderDraft[] | undefined>;
  put(model: string, requestHash: string, drafts: readonly RecommenderDraft[]): Promise<void>;
}

export class MemoryDraftCache implements DraftCacheStore {
  private readonly entries = new BoundedMap<RecommenderDraft[]>(MEMORY_CACHE_ENTRIES);

  async get(model: string, requestHash: string): Promise<RecommenderDraft[] | undefined> {
    return this.entries.get(`${model}\u0000${requestHash}`);
  }

  async put(model: string, requestHash: string, drafts: readonly RecommenderDraft[]): Promise<void> {
    this.entries.set(`${model}\u0000${requestHash}`, [...drafts]);
  }
}
