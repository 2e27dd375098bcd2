import type { ToolRecord, ToolVersionRecord } from '@toolgate/db';
import { z } from 'zod';
import { ConflictResponseSchema } from '../conflicts/conflict.response';
import { SEVERITY_VALUES } from '../environments/environment.request';
import { TOOL_STATUS_VALUES } from './tool.request';

/** A pipeline ToolFinding: a finding about one tool on its own (e.g. hidden instructions). */
export const ToolFindingSchema = z.object({
  server: z.string(),
  tool: z.string(),
  type: z.string(),
  severity: z.enum(SEVERITY_VALUES),
  evidence: z.record(z.string(), z.unknown()),
});

export const ToolVersionResponseSchema = z.object({
  id: z.uuid(),
  version: z.number().int().min(1),
  /** SHA-256 hex of the canonical JSON of `definition` (docs/tool-lifecycle.md). */
  contentHash: z.string().length(64),
  definition: z.record(z.string(), z.unknown()),
  /**
   * Findings about this version on its own (hidden instructions, description length...) from the analysis that
   * decided its status; empty until analysed. A version BLOCKED without a conflict is blocked by one of these.
   */
  findings: z.array(ToolFindingSchema),
  createdAt: z.iso.datetime(),
});
export type ToolVersionResponse = z.infer<typeof ToolVersionResponseSchema>;

export const ToolResponseSchema = z.object({
  id: z.uuid(),
  environmentId: z.uuid(),
  serverId: z.uuid(),
  server: z.string(),
  name: z.string(),
  status: z.enum(TOOL_STATUS_VALUES),
  currentVersion: ToolVersionResponseSchema.nullable(),
  /** The last version that passed analysis (or approval): what agents are served. */
  approvedVersionId: z.uuid().nullable(),
  /**
   * The version agents are served: the approved (pinned) one, also while a newer current version waits for approval
   * (docs/tool-lifecycle.md#pinning-and-the-rug-pull-gate); null when none was ever approved or the tool is removed.
   */
  servedVersionId: z.uuid().nullable(),
  /** True when the served version is not the current one: a newer definition is held back. */
  pinned: z.boolean(),
  deletedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ToolResponse = z.infer<typeof ToolResponseSchema>;

export const ToolDetailResponseSchema = ToolResponseSchema.extend({ versions: z.array(ToolVersionResponseSchema) });
export type ToolDetailResponse = z.infer<typeof ToolDetailResponseSchema>;

export const RegisteredToolResponseSchema = z.object({
  tool: ToolResponseSchema,
  version: ToolVersionResponseSchema,
  /** `created`: a new tool; `updated`: a new or re-activated version; `unchanged`: identical definition, nothing written. */
  outcome: z.enum(['created', 'updated', 'unchanged']),
});
export type RegisteredToolResponse = z.infer<typeof RegisteredToolResponseSchema>;

const AnalysisResultShape = {
  /** Unresolved conflicts of the registered tools after the registration. */
  conflicts: z.array(ConflictResponseSchema),
  /** Findings about the registered versions on their own from their analysis (also on each version); empty while pending. */
  toolFindings: z.array(ToolFindingSchema),
};

export const RegistrationResponseSchema = RegisteredToolResponseSchema.extend(AnalysisResultShape);
export type RegistrationResponse = z.infer<typeof RegistrationResponseSchema>;

export const BulkRegistrationResponseSchema = z.object({ items: z.array(RegisteredToolResponseSchema), ...AnalysisResultShape });
export type BulkRegistrationResponse = z.infer<typeof BulkRegistrationResponseSchema>;

export const RemovedToolResponseSchema = z.object({
  tool: ToolResponseSchema,
  /** Conflicts resolved because this tool left the registry. */
  resolvedConflictIds: z.array(z.uuid()),
  /** BLOCKED tools on the other side of those conflicts, re-analysed: their new status. */
  reanalysedTools: z.array(ToolResponseSchema),
});
export type RemovedToolResponse = z.infer<typeof RemovedToolResponseSchema>;

/**
 * For the OpenAPI document only: the dry run answers the pipeline's own report type (CheckResponse in
 * tool-check.service.ts), whose contract is `toolgate check --format json` (docs/cli.md).
 */
export const CheckResponseSchema = z.object({
  summary: z.looseObject({ tools: z.number(), checked: z.number(), conflicts: z.number(), blocked: z.boolean(), failOn: z.string(), inputErrors: z.number() }),
  conflicts: z.array(z.looseObject({ key: z.string(), severity: z.enum(SEVERITY_VALUES), score: z.number() })),
  toolFindings: z.array(ToolFindingSchema),
  inputErrors: z.array(z.unknown()).max(0),
});

export function toVersionResponse(version: ToolVersionRecord): ToolVersionResponse {
  return {
    id: version.id,
    version: version.version,
    contentHash: version.contentHash,
    definition: version.definition,
    findings: version.findings as ToolVersionResponse['findings'],
    createdAt: version.createdAt.toISOString(),
  };
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
    servedVersionId: servedVersionId(tool),
    pinned: servedVersionId(tool) !== null && servedVersionId(tool) !== (tool.currentVersion?.id ?? null),
    deletedAt: tool.deletedAt?.toISOString() ?? null,
    createdAt: tool.createdAt.toISOString(),
    updatedAt: tool.updatedAt.toISOString(),
  };
}

/** What agents get: the approved version, unless the tool is removed. */
function servedVersionId(tool: ToolRecord): string | null {
  return tool.deletedAt ? null : tool.approvedVersionId;
}
