import { makeTool, type RegistrySource, type Tool, type ToolDefinition, toolKey, type VersionedTool } from '@toolgate/pipeline';
import type { ToolRecord } from './registry.types';
import type { ToolRepository } from './tool.repository';

/** A registry row as the pipeline sees it: its server and its current definition. */
export function pipelineTool(record: ToolRecord): Tool {
  return makeTool(record.serverName, (record.currentVersion?.definition ?? { name: record.name }) as ToolDefinition);
}

/** A registry row with the version the index holds for it. */
export function versionedTool(record: ToolRecord): VersionedTool {
  return { versionId: record.currentVersion!.id, tool: pipelineTool(record) };
}

/**
 * An environment's registry as ToolIndexCache.read reads it (API checks, worker registration analyses):
 * `revision` is the environment's registry revision as the caller read it (with the environment row, so
 * comparing it costs no query); a stale index then loads only the tools changed since its own revision.
 */
export function registrySource(tools: ToolRepository, environmentId: string, revision: string): RegistrySource {
  return {
    revision: async () => revision,
    load: async () => {
      const snapshot = await tools.registryAt(environmentId);
      return { revision: snapshot.revision, tools: snapshot.tools.map(versionedTool) };
    },
    changesSince: async (since) => {
      const changes = await tools.registryChangesSince(environmentId, since);
      if (!changes) return undefined;
      return { revision: changes.revision, upserted: changes.upserted.map(versionedTool), removed: changes.removed.map((t) => toolKey(t.serverName, t.name)) };
    },
  };
}
