import type { DefinitionChange } from '@toolgate/db';
import { diffDefinitions, type ListedToolDefinition, renderDefinitionDiff } from '@toolgate/pipeline';

/**
 * What a DEFINITION_CHANGE approval request shows: the pinned (approved) version, and a readable diff of the
 * definitions (a word diff of the description, path changes of the schemas and annotations; libs/pipeline).
 */
export function definitionChange(gate: { approvedVersionId: string; approvedVersion: number; before: Record<string, unknown> }, after: Record<string, unknown>): DefinitionChange {
  const diff = diffDefinitions(gate.before as unknown as ListedToolDefinition, after as unknown as ListedToolDefinition);
  return { approvedVersionId: gate.approvedVersionId, approvedVersion: gate.approvedVersion, diff, rendered: renderDefinitionDiff(diff) };
}
