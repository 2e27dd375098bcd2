import { type ListedToolDefinition, toolContentHash } from './content-hash';

/** A registry tool as the diff needs it: its name and its current version's content hash (plus anything the caller carries). */
export interface RegistryToolRef {
  name: string;
  contentHash: string;
}

/** A live (listed) tool with its content hash. */
export interface LiveTool<D extends ListedToolDefinition = ListedToolDefinition> {
  definition: D;
  contentHash: string;
}

export interface ToolPairing<R extends RegistryToolRef, D extends ListedToolDefinition> {
  name: string;
  registry: R;
  live: LiveTool<D>;
}

/** Sync's four outcomes, each sorted by name. */
export interface ToolListDiff<R extends RegistryToolRef, D extends ListedToolDefinition = ListedToolDefinition> {
  added: LiveTool<D>[];
  removed: R[];
  changed: ToolPairing<R, D>[];
  unchanged: ToolPairing<R, D>[];
}

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Compares the registry's tools of one server with a complete live listing, by name and the content
 * hash of the full definition: a new name is ADDED, a missing one REMOVED, the same name with another
 * hash CHANGED, else UNCHANGED. Only call it with a complete listing: a failed one is not "all removed".
 */
export function diffToolLists<R extends RegistryToolRef, D extends ListedToolDefinition>(registryTools: readonly R[], liveTools: readonly D[]): ToolListDiff<R, D> {
  const registry = new Map(registryTools.map((tool) => [tool.name, tool]));
  const diff: ToolListDiff<R, D> = { added: [], removed: [], changed: [], unchanged: [] };
  const liveNames = new Set<string>();
  for (const definition of liveTools) {
    liveNames.add(definition.name);
    const live = { definition, contentHash: toolContentHash(definition) };
    const known = registry.get(definition.name);
    if (!known) diff.added.push(live);
    else (known.contentHash === live.contentHash ? diff.unchanged : diff.changed).push({ name: definition.name, registry: known, live });
  }
  for (const tool of registryTools) if (!liveNames.has(tool.name)) diff.removed.push(tool);
  diff.added.sort((a, b) => byName(a.definition, b.definition));
  diff.removed.sort(byName);
  diff.changed.sort(byName);
  diff.unchanged.sort(byName);
  return diff;
}
