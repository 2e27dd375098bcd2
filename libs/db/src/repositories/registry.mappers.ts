// Prisma rows → domain records. The only place that knows both shapes.
import type { Conflict, Environment, McpServer, Recommendation, Tool, ToolVersion } from '../generated/prisma/client';
import type {
  ConflictRecord,
  EnvironmentRecord,
  RecommendationRecord,
  ServerRecord,
  ToolRecord,
  ToolRef,
  ToolVersionRecord,
} from './registry.types';

/** The include every tool read uses, so {@link toToolRecord} has the server name and current version. */
export const TOOL_INCLUDE = { server: { select: { name: true } }, currentVersion: true } as const;
export type ToolRow = Tool & { server: { name: string }; currentVersion: ToolVersion | null };

const TOOL_REF_SELECT = { select: { id: true, name: true, server: { select: { name: true } } } } as const;
/** The include every conflict read uses: both tools with their server names. */
export const CONFLICT_INCLUDE = { toolA: TOOL_REF_SELECT, toolB: TOOL_REF_SELECT } as const;
type RefRow = { id: string; name: string; server: { name: string } };
export type ConflictRow = Conflict & { toolA: RefRow; toolB: RefRow };

export function toEnvironmentRecord(row: Environment): EnvironmentRecord {
  return {
    id: row.id,
    organisationId: row.organisationId,
    name: row.name,
    policy: {
      blockingSeverity: row.blockingSeverity,
      stagesOnRegistration: row.stagesOnRegistration,
      approvalTtlSeconds: row.approvalTtlSeconds,
    },
    providerOverrides: asObject(row.providerOverrides),
    registryRevision: row.registryRevision.toString(),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toServerRecord(row: McpServer): ServerRecord {
  // `secretNames` is stored beside the non-secret settings (names only; the values are in secretsEncrypted).
  const { secretNames, ...connection } = asObject(row.connection);
  return {
    id: row.id,
    environmentId: row.environmentId,
    name: row.name,
    transport: row.transport,
    connection,
    syncIntervalSeconds: row.syncIntervalSeconds,
    enabled: row.enabled,
    secretNames: Array.isArray(secretNames) ? (secretNames as string[]) : [],
    lastSyncAt: row.lastSyncAt,
    lastSyncStatus: row.lastSyncStatus,
    lastSyncError: row.lastSyncError,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toVersionRecord(row: ToolVersion): ToolVersionRecord {
  return { id: row.id, toolId: row.toolId, version: row.version, contentHash: row.contentHash, definition: asObject(row.definition), findings: Array.isArray(row.findings) ? (row.findings as unknown[]) : [], createdAt: row.createdAt };
}

export function toToolRecord(row: ToolRow): ToolRecord {
  return {
    id: row.id,
    environmentId: row.environmentId,
    serverId: row.serverId,
    serverName: row.server.name,
    name: row.name,
    status: row.status,
    currentVersion: row.currentVersion ? toVersionRecord(row.currentVersion) : null,
    approvedVersionId: row.approvedVersionId,
    deletedAt: row.deletedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toRef(row: RefRow): ToolRef {
  return { id: row.id, name: row.name, serverName: row.server.name };
}

export function toConflictRecord(row: ConflictRow): ConflictRecord {
  return {
    id: row.id,
    environmentId: row.environmentId,
    toolA: toRef(row.toolA),
    toolB: toRef(row.toolB),
    severity: row.severity,
    score: row.score,
    status: row.status,
    suppressionReason: row.suppressionReason,
    findings: Array.isArray(row.findings) ? row.findings : [],
    firstSeenRunId: row.firstSeenRunId,
    lastSeenRunId: row.lastSeenRunId,
    resolvedAt: row.resolvedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toRecommendationRecord(row: Recommendation): RecommendationRecord {
  return {
    id: row.id,
    kind: row.kind,
    targetToolId: row.targetToolId,
    patch: row.patch,
    rationale: row.rationale,
    source: row.source,
    scoreBefore: row.scoreBefore,
    scoreAfter: row.scoreAfter,
  };
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
