import type { ConflictDetail, SeverityLevel } from './registry.types';

export type ApprovalStatusValue = 'PENDING' | 'APPROVED' | 'REJECTED' | 'EXPIRED';

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
  toolVersion: { id: string; version: number; contentHash: string };
  status: ApprovalStatusValue;
  requester: ApprovalActorRef;
  decider: ApprovalActorRef | null;
  reason: string | null;
  expiresAt: Date;
  decidedAt: Date | null;
  createdAt: Date;
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
