// Domain records the registry repositories return. Plain data: callers never see Prisma types.
// Enum values mirror prisma/schema.prisma (and through it libs/pipeline's model).

export type SeverityLevel = 'INFO' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
export type StageLevel = 'LEXICAL' | 'SCHEMA' | 'SEMANTIC' | 'ROUTING';
export type ToolStatusValue = 'PENDING_ANALYSIS' | 'ACTIVE' | 'BLOCKED' | 'REJECTED' | 'REMOVED';
export type ConflictStatusValue = 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED' | 'SUPPRESSED';
export type TransportValue = 'STDIO' | 'SSE' | 'STREAMABLE_HTTP';

/** One page of a cursor-paginated listing. `nextCursor` is the id to pass as `cursor`, or null at the end. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Cursor pagination input: items after `cursor` (an id; ids are time-ordered uuid v7), at most `limit`. */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

export interface EnvironmentPolicy {
  blockingSeverity: SeverityLevel;
  stagesOnRegistration: StageLevel[];
  approvalTtlSeconds: number;
}

export interface EnvironmentRecord {
  id: string;
  organisationId: string;
  name: string;
  policy: EnvironmentPolicy;
  /** Per-environment provider settings over the deployment's (non-secret; validated by the API). */
  providerOverrides: Record<string, unknown>;
  /** Bumped on every registry change (a trigger): equal revisions mean an unchanged registry. */
  registryRevision: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface ServerRecord {
  id: string;
  environmentId: string;
  name: string;
  transport: TransportValue;
  connection: Record<string, unknown>;
  syncIntervalSeconds: number | null;
  enabled: boolean;
  /** Names of the sealed secrets (env variables or headers), never their values. */
  secretNames: string[];
  lastSyncAt: Date | null;
  lastSyncStatus: 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | null;
  lastSyncError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ToolVersionRecord {
  id: string;
  toolId: string;
  version: number;
  contentHash: string;
  definition: Record<string, unknown>;
  /** ToolFinding[] about this version on its own, from the analysis that decided its status (empty until analysed). */
  findings: unknown[];
  createdAt: Date;
}

export interface ToolRecord {
  id: string;
  environmentId: string;
  serverId: string;
  serverName: string;
  name: string;
  status: ToolStatusValue;
  currentVersion: ToolVersionRecord | null;
  approvedVersionId: string | null;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ToolRef {
  id: string;
  serverName: string;
  name: string;
}

export interface RecommendationRecord {
  id: string;
  kind: string;
  targetToolId: string;
  patch: unknown;
  rationale: string;
  source: string;
  scoreBefore: number;
  scoreAfter: number;
}

export interface ConflictRecord {
  id: string;
  environmentId: string;
  toolA: ToolRef;
  toolB: ToolRef;
  severity: SeverityLevel;
  score: number;
  status: ConflictStatusValue;
  suppressionReason: string | null;
  findings: unknown[];
  firstSeenRunId: string | null;
  lastSeenRunId: string | null;
  resolvedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ConflictDetail extends ConflictRecord {
  recommendations: RecommendationRecord[];
}
