import { LocalEmbedder } from '../semantic';
import type { Embedder } from '../model/providers';
import type { Tool } from '../model/tool';
import { ReadWriteLock } from './read-write-lock';
import { type IndexedTool, ToolIndex } from './tool-index';

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

/** Opaque registry revision: equal revisions mean an unchanged registry (libs/db bumps it on every tool change). */
export type RegistryRevision = string;

/** What changed in a registry after a revision. */
export interface RegistryChanges {
  revision: RegistryRevision;
  /** New or changed tools at their current version. */
  upserted: readonly VersionedTool[];
  /** Keys of tools that left the registry (deleted, or no longer have a current version). */
  removed: readonly string[];
}

/**
 * Where the cache reads a registry from (the loader is injected: this lib does no I/O). `revision` is
 * called on every read and must be cheap; `changesSince` may answer undefined (unknown or too old
 * revision), and the cache then loads everything and diffs by version id.
 */
export interface RegistrySource {
  revision(): Promise<RegistryRevision>;
  load(): Promise<{ revision: RegistryRevision; tools: readonly VersionedTool[] }>;
  changesSince(revision: RegistryRevision): Promise<RegistryChanges | undefined>;
}

/** What a read saw: the revision the index was at, and what the refresh (if any) did. */
export interface IndexRead {
  revision: RegistryRevision;
  /** What the refresh this read started did (absent when the index was current, or another read refreshed it). */
  sync?: IndexSync;
  /** The indexed tools of one server (for checkCandidates' sibling names, without a pass over the index). */
  serverTools: (server: string) => Iterable<Tool>;
}

interface Entry {
  index: ToolIndex;
  /** Tool key → the version id the index holds for it. */
  versions: Map<string, string>;
  /** Server → tool key → tool, mirroring the index. */
  byServer: Map<string, Map<string, Tool>>;
  /** Registry revision the index reflects (undefined until a revision-based read). */
  revision?: RegistryRevision;
  /** The refresh in flight: concurrent stale reads share it (single flight). */
  refreshing?: Promise<IndexSync>;
  lock: ReadWriteLock;
}

/** Environments kept in memory; the least recently used one is dropped first. */
export const MAX_CACHED_ENVIRONMENTS = 16;

/**
 * The pipeline's ToolIndex per environment, kept in a long-lived process (worker, API) and updated
 * incrementally by tool version id: only new or changed versions are re-featurised (and re-embedded).
 *
 * - `withIndex` (the worker's re-scans): brings the index up to a full tool list, then runs `use`
 *   exclusively: jobs for one environment take turns, different environments run in parallel.
 * - `read` (the API's CI gate): asks the source for the registry revision; when it moved, ONE refresh
 *   applies only the changes since the cached revision (concurrent stale reads wait for that same
 *   refresh), then `use` runs under a shared lock. Many reads run at once; a refresh's mutations wait
 *   for the reads in progress and block new ones meanwhile (writer preference), so a read never sees
 *   the index change under it. Embedding happens before the lock is taken.
 */
export class ToolIndexCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly embedderFactory: () => Embedder = () => new LocalEmbedder()) {}

  /** Brings the environment's index up to `tools`, then runs `use` on it while no other job can change it. */
  async withIndex<T>(cacheKey: string, withVectors: boolean, tools: readonly VersionedTool[], use: (index: ToolIndex, sync: IndexSync) => T | Promise<T>): Promise<T> {
    const entry = this.entry(cacheKey, withVectors);
    return entry.lock.write(async () => {
      const sync = await synchronise(entry, tools);
      // A full list carries no revision: the next revision-based read reloads to be safe.
      entry.revision = undefined;
      return use(entry.index, sync);
    });
  }

  /**
   * Runs `use` on the environment's index at (at least) the source's current revision, without
   * mutating it: `use` must only query the index (see checkCandidates).
   */
  async read<T>(cacheKey: string, withVectors: boolean, source: RegistrySource, use: (index: ToolIndex, read: IndexRead) => T | Promise<T>): Promise<T> {
    const entry = this.entry(cacheKey, withVectors);
    const revision = await source.revision();
    let sync: IndexSync | undefined;
    if (entry.revision !== revision) {
      // Only the read that started the refresh reports it; the others merely waited for it.
      const initiated = entry.refreshing === undefined;
      const done = await this.refresh(entry, source);
      if (initiated) sync = done;
    }
    const serverTools = (server: string): Iterable<Tool> => entry.byServer.get(server)?.values() ?? [];
    return entry.lock.read(() => use(entry.index, { revision: entry.revision ?? revision, sync, serverTools }));
  }

  /** Forgets an environment (e.g. when it is deleted). */
  forget(cacheKey: string): void {
    for (const suffix of ['vectors', 'lexical']) this.entries.delete(`${cacheKey}|${suffix}`);
  }

  private refresh(entry: Entry, source: RegistrySource): Promise<IndexSync> {
    if (!entry.refreshing) {
      entry.refreshing = this.applyChanges(entry, source).finally(() => {
        entry.refreshing = undefined;
      });
    }
    return entry.refreshing;
  }

  private async applyChanges(entry: Entry, source: RegistrySource): Promise<IndexSync> {
    const changes = entry.revision !== undefined ? await source.changesSince(entry.revision) : undefined;
    if (!changes) {
      const full = await source.load();
      return entry.lock.write(async () => {
        const sync = await synchronise(entry, full.tools);
        entry.revision = full.revision;
        return sync;
      });
    }
    const changed = changes.upserted.filter((t) => entry.versions.get(t.tool.key) !== t.versionId);
    // Featurise and embed outside the lock: reads go on meanwhile.
    const prepared = await entry.index.prepare(changed.map((t) => t.tool));
    return entry.lock.write(() => {
      let removed = 0;
      for (const key of changes.removed) {
        if (removeTool(entry, key)) removed++;
        entry.versions.delete(key);
      }
      for (const item of prepared) insertTool(entry, item);
      for (const t of changed) entry.versions.set(t.tool.key, t.versionId);
      entry.revision = changes.revision;
      return { reused: entry.versions.size - changed.length, upserted: changed.length, removed };
    });
  }

  private entry(cacheKey: string, withVectors: boolean): Entry {
    const key = `${cacheKey}|${withVectors ? 'vectors' : 'lexical'}`;
    let entry = this.entries.get(key);
    if (entry) {
      // Re-insert: Map iteration order is the LRU order.
      this.entries.delete(key);
    } else {
      entry = { index: new ToolIndex(withVectors ? this.embedderFactory() : undefined), versions: new Map(), byServer: new Map(), lock: new ReadWriteLock() };
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
    removeTool(entry, key);
    entry.versions.delete(key);
    removed++;
  }
  const changed = tools.filter((t) => entry.versions.get(t.tool.key) !== t.versionId);
  if (changed.length > 0) for (const item of await entry.index.prepare(changed.map((t) => t.tool))) insertTool(entry, item);
  for (const t of changed) entry.versions.set(t.tool.key, t.versionId);
  return { reused: tools.length - changed.length, upserted: changed.length, removed };
}

function insertTool(entry: Entry, item: IndexedTool): void {
  const previous = entry.index.get(item.tool.key);
  if (previous) entry.byServer.get(previous.tool.server)?.delete(item.tool.key);
  entry.index.insert(item);
  let tools = entry.byServer.get(item.tool.server);
  if (!tools) entry.byServer.set(item.tool.server, (tools = new Map()));
  tools.set(item.tool.key, item.tool);
}

function removeTool(entry: Entry, key: string): boolean {
  const previous = entry.index.get(key);
  if (!previous) return false;
  const tools = entry.byServer.get(previous.tool.server);
  tools?.delete(key);
  if (tools?.size === 0) entry.byServer.delete(previous.tool.server);
  return entry.index.remove(key);
}
