import type { ConflictDetail, SeverityLevel } from './registry.types';

export type ApprovalStatusValue = 'PENDING' | 'APPROVED' | 'REJECTED' | 'EXPIRED';
export type ApprovalKindValue = 'CONFLICTS' | 'DEFINITION_CHANGE';

/** What a DEFINITION_CHANGE request shows a reviewer: the pinned (approved) version and the diff to the new one. */
export interface DefinitionChange {
  approvedVersionId: string;
  approvedVersion: number;
  /** A structured diff of the two definitions (libs/pipeline diffDefinitions): description word diff, schema path changes. */
  diff: unknown;
  /** The same diff as readable text (libs/pipeline renderDefinitionDiff). */
  rendered: string;
}

/** Who requested or decided: a user, an API key or the system (auto-created requests keep the registering actor). */
export interface ApprovalActorRef {
  type: 'USER' | 'API_KEY' | 'SYSTEM';
  id: string | null;
}

/** An approval request for one tool version, with the conflicts that blocked it. */
export interface ApprovalRecord {
  id: string;
  environmentId: string;
  tool: { id: string; name: string; server: string; status: string; currentVersionId: string | null };
  /** `findings`: the version's own findings (ToolFinding[]): with `conflicts`, why it was blocked. */
  toolVersion: { id: string; version: number; contentHash: string; findings: unknown[] };
  status: ApprovalStatusValue;
  requester: ApprovalActorRef;
  decider: ApprovalActorRef | null;
  reason: string | null;
  expiresAt: Date;
  decidedAt: Date | null;
  createdAt: Date;
  /** CONFLICTS (blocked by analysis) or DEFINITION_CHANGE (a sync found that an approved tool's definition changed). */
  kind: ApprovalKindValue;
  /** DEFINITION_CHANGE only: the approved version it would replace and the readable diff (docs/sync.md). */
  definitionChange: DefinitionChange | null;
  /** The blocking conflicts linked when the request was opened, in their current state, with recommendations. */
  conflicts: ConflictDetail[];
}

/** What opening a request needs; the conflicts are found in the same transaction. */
export interface ApprovalOpen {
  organisationId: string;
  environmentId: string;
  toolVersionId: string;
  requester: ApprovalActorRef;
  ttlSeconds: number;
  /** Severities that block in the environment (its policy's blockingSeverity and above). */
  blockingSeverities: SeverityLevel[];
  /** Default CONFLICTS. */
  kind?: ApprovalKindValue;
  definitionChange?: DefinitionChange;
  /** Added to the `approval.requested` entry (a sync names its server and run, so the server's history shows it). */
  auditDetails?: Record<string, unknown>;
}

export interface ApprovalFilter {
  status?: ApprovalStatusValue;
  environmentId?: string;
}

/** The outcome of a decision attempt. `changed` reports registry drift since the request was opened. */
export type DecisionResult =
  | { outcome: 'decided'; approval: ApprovalRecord; changed: { added: string[]; gone: string[] } }
  | { outcome: 'not_found' }
  | { outcome: 'already_decided'; status: ApprovalStatusValue }
  | { outcome: 'expired' }
  | { outcome: 'tool_removed' }
  | { outcome: 'superseded'; currentVersionId: string | null };
