import { hashedDefinition, type ListedToolDefinition, toolContentHash } from '@toolgate/pipeline';

/** A tool of the server as the registry has it (removed ones included), with its pinned (approved) version. */
export interface RegistryServerTool {
  id: string;
  name: string;
  deleted: boolean;
  currentHash: string | null;
  approved: { id: string; version: number; contentHash: string; definition: Record<string, unknown> } | null;
}

export interface PlannedUpsert {
  name: string;
  contentHash: string;
  definition: Record<string, unknown>;
  kind: 'added' | 'changed';
  /** Set when the tool has an approved (served) version with another definition: the rug-pull gate. */
  gate?: { approvedVersionId: string; approvedVersion: number; before: Record<string, unknown> };
}

export interface SyncPlan {
  upserts: PlannedUpsert[];
  removals: Array<{ toolId: string; name: string }>;
  unchanged: number;
}

/**
 * The diff of a COMPLETE listing against the server's registry tools, by the content hash of the full definition
 * (the same hash as ToolVersion.contentHash). Only ever called with a listing that succeeded as a whole: a failed
 * listing never reaches this, so a failure can never read as "all tools removed".
 *
 * - listed, unknown (or removed) → added (a removed tool is revived);
 * - listed, live, same hash → unchanged; other hash → changed;
 * - live, not listed → removed;
 * - added or changed while the tool has an approved version with another hash → gated: the approved version stays
 *   pinned (served) and the new one waits for a person (docs/tool-lifecycle.md#pinning-and-the-rug-pull-gate).
 */
export function planSync(listed: readonly ListedToolDefinition[], registry: readonly RegistryServerTool[]): SyncPlan {
  const byName = new Map(registry.map((t) => [t.name, t]));
  const listedNames = new Set<string>();
  const upserts: PlannedUpsert[] = [];
  let unchanged = 0;
  for (const tool of listed) {
    listedNames.add(tool.name);
    const definition = hashedDefinition(tool) as unknown as Record<string, unknown>;
    const contentHash = toolContentHash(tool);
    const existing = byName.get(tool.name);
    if (existing && !existing.deleted && existing.currentHash === contentHash) {
      unchanged++;
      continue;
    }
    const kind = existing && !existing.deleted ? 'changed' : 'added';
    const approved = existing?.approved;
    const gate = approved && approved.contentHash !== contentHash ? { approvedVersionId: approved.id, approvedVersion: approved.version, before: approved.definition } : undefined;
    upserts.push({ name: tool.name, contentHash, definition, kind, ...(gate ? { gate } : {}) });
  }
  const removals = registry.filter((t) => !t.deleted && !listedNames.has(t.name)).map((t) => ({ toolId: t.id, name: t.name }));
  return { upserts, removals, unchanged };
}
