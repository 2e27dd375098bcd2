import { Injectable } from '@nestjs/common';
import { type Embedder, LocalEmbedder, type Tool, ToolIndex } from '@toolgate/pipeline';

/** A registry tool at one version: the unit the cache compares. */
export interface VersionedTool {
  versionId: string;
  tool: Tool;
}

/** What one synchronisation changed: reused entries cost nothing, upserted ones an embedding each. */
export interface IndexSync {
  reused: number;
  upserted: number;
  removed: number;
}

interface Entry {
  index: ToolIndex;
  /** Tool key → the version id the index holds for it. */
  versions: Map<string, string>;
}

/** Environments kept in memory; the least recently scanned one is dropped first. */
export const MAX_CACHED_ENVIRONMENTS = 16;

/**
 * The pipeline's ToolIndex per environment, kept in the worker process between jobs and updated
 * incrementally by tool version id: only new or changed versions are re-featurised (and re-embedded).
 * Jobs for one environment take turns on its index; different environments run in parallel.
 */
@Injectable()
export class ToolIndexCache {
  private readonly entries = new Map<string, Entry>();
  private readonly turns = new Map<string, Promise<unknown>>();

  constructor(private readonly embedderFactory: () => Embedder = () => new LocalEmbedder()) {}

  /** Brings the environment's index up to `tools`, then runs `use` on it while no other job can change it. */
  async withIndex<T>(cacheKey: string, withVectors: boolean, tools: readonly VersionedTool[], use: (index: ToolIndex, sync: IndexSync) => T | Promise<T>): Promise<T> {
    const key = `${cacheKey}|${withVectors ? 'vectors' : 'lexical'}`;
    const previous = this.turns.get(key) ?? Promise.resolve();
    const turn = previous.catch(() => undefined).then(async () => {
      const entry = this.entry(key, withVectors);
      const sync = await synchronise(entry, tools);
      return use(entry.index, sync);
    });
    this.turns.set(key, turn);
    try {
      return await turn;
    } finally {
      if (this.turns.get(key) === turn) this.turns.delete(key);
    }
  }

  private entry(key: string, withVectors: boolean): Entry {
    let entry = this.entries.get(key);
    if (entry) {
      // Re-insert: Map iteration order is the LRU order.
      this.entries.delete(key);
    } else {
      entry = { index: new ToolIndex(withVectors ? this.embedderFactory() : undefined), versions: new Map() };
    }
    this.entries.set(key, entry);
    while (this.entries.size > MAX_CACHED_ENVIRONMENTS) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }
}

async function synchronise(entry: Entry, tools: readonly VersionedTool[]): Promise<IndexSync> {
  const wanted = new Map(tools.map((t) => [t.tool.key, t]));
  let removed = 0;
  for (const key of [...entry.versions.keys()]) {
    if (wanted.has(key)) continue;
    entry.index.remove(key);
    entry.versions.delete(key);
    removed++;
  }
  const changed = tools.filter((t) => entry.versions.get(t.tool.key) !== t.versionId);
  if (changed.length > 0) await entry.index.upsert(changed.map((t) => t.tool));
  for (const t of changed) entry.versions.set(t.tool.key, t.versionId);
  return { reused: tools.length - changed.length, upserted: changed.length, removed };
}
