import { BoundedMap, MEMORY_CACHE_ENTRIES } from './bounded-map';

/** Probes an LLM wrote for a pair, in the pair's order. */
export interface StoredProbes {
  a: string[];
  b: string[];
}

/**
 * Where LLM-written probes persist, by (model, pair hash). libs/db's ProbeCacheRepository (Postgres,
 * the `ProbeCache` table) has this shape; `MemoryProbeCache` is the in-process one (the CLI).
 */
export interface ProbeCacheStore {
  get(model: string, pairHash: string): Promise<StoredProbes | undefined>;
  put(model: string, pairHash: string, probes: StoredProbes): Promise<void>;
}

export class MemoryProbeCache implements ProbeCacheStore {
  private readonly entries = new BoundedMap<StoredProbes>(MEMORY_CACHE_ENTRIES);

  async get(model: string, pairHash: string): Promise<StoredProbes | undefined> {
    return this.entries.get(`${model}\u0000${pairHash}`);
  }

  async put(model: string, pairHash: string, probes: StoredProbes): Promise<void> {
    this.entries.set(`${model}\u0000${pairHash}`, probes);
  }
}
