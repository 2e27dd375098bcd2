import type { ToolRecord, ToolVersionRecord } from '@toolgate/db';
import type { ToolFinding } from '@toolgate/pipeline';
import type { ConflictResponse } from '../conflicts/conflict.response';

export interface ToolVersionResponse {
  id: string;
  version: number;
  contentHash: string;
  definition: Record<string, unknown>;
  createdAt: string;
}

export interface ToolResponse {
  id: string;
  environmentId: string;
  serverId: string;
  server: string;
  name: string;
  status: string;
  currentVersion: ToolVersionResponse | null;
  approvedVersionId: string | null;
  deletedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ToolDetailResponse extends ToolResponse {
  versions: ToolVersionResponse[];
}

/** `created`: a new tool; `updated`: a new or re-activated version of an existing one; `unchanged`: identical definition, nothing written. */
export type RegistrationOutcome = 'created' | 'updated' | 'unchanged';

export interface RegisteredToolResponse {
  tool: ToolResponse;
  version: ToolVersionResponse;
  outcome: RegistrationOutcome;
}

/** Body of POST /tools: the tool, the version registered, and what the synchronous analysis found. */
export interface RegistrationResponse extends RegisteredToolResponse {
  /** Unresolved conflicts of the tool after registration. */
  conflicts: ConflictResponse[];
  /** Findings about the tool on its own (e.g. poisoning cues) from this analysis; not stored. */
  toolFindings: ToolFinding[];
}

export interface BulkRegistrationResponse {
  items: RegisteredToolResponse[];
  conflicts: ConflictResponse[];
  toolFindings: ToolFinding[];
}

export function toVersionResponse(version: ToolVersionRecord): ToolVersionResponse {
  return { id: version.id, version: version.version, contentHash: version.contentHash, definition: version.definition, createdAt: version.createdAt.toISOString() };
}

export function toToolResponse(tool: ToolRecord): ToolResponse {
  return {
    id: tool.id,
    environmentId: tool.environmentId,
    serverId: tool.serverId,
    server: tool.serverName,
    name: tool.name,
    status: tool.status,
    currentVersion: tool.currentVersion ? toVersionResponse(tool.currentVersion) : null,
    approvedVersionId: tool.approvedVersionId,
    deletedAt: tool.deletedAt?.toISOString() ?? null,
    createdAt: tool.createdAt.toISOString(),
    updatedAt: tool.updatedAt.toISOString(),
  };
}
