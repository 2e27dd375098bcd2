import type { Tool } from '../model/tool';

/**
 * The registry as it would be with the candidates applied: a candidate with the key of an existing
 * tool is a new version of it and replaces it.
 */
export function mergeRegistry(registry: readonly Tool[], candidates: readonly Tool[]): Tool[] {
  const byKey = new Map<string, Tool>();
  for (const tool of registry) byKey.set(tool.key, tool);
  for (const tool of candidates) byKey.set(tool.key, tool);
  return [...byKey.values()];
}
