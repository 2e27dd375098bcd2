import type { ApprovalRecord } from '@toolgate/db';
import { z } from 'zod';
import { ConflictDetailResponseSchema, toConflictDetailResponse } from '../conflicts/conflict.response';
import { ToolFindingSchema } from '../tools/tool.response';

const ActorRefSchema = z.object({ type: z.enum(['USER', 'API_KEY', 'SYSTEM']), id: z.string().nullable() });

export const ApprovalResponseSchema = z.object({
  id: z.uuid(),
  environmentId: z.uuid(),
  tool: z.object({ id: z.uuid(), name: z.string(), server: z.string(), status: z.string(), currentVersionId: z.uuid().nullable() }),
  /** `findings`: the version's own findings (hidden instructions...) that, with `conflicts`, blocked it. */
  toolVersion: z.object({ id: z.uuid(), version: z.number().int(), contentHash: z.string(), findings: z.array(ToolFindingSchema) }),
  status: z.enum(['PENDING', 'APPROVED', 'REJECTED', 'EXPIRED']),
  requester: ActorRefSchema,
  decider: ActorRefSchema.nullable(),
  reason: z.string().nullable(),
  expiresAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  /** CONFLICTS: blocked by analysis. DEFINITION_CHANGE: a sync found that an approved tool's definition changed (rug-pull gate). */
  kind: z.enum(['CONFLICTS', 'DEFINITION_CHANGE']),
  /** DEFINITION_CHANGE only: the pinned (approved) version agents keep being served, and a readable diff to this version. */
  definitionChange: z.object({ approvedVersionId: z.uuid(), approvedVersion: z.number().int(), diff: z.unknown(), rendered: z.string() }).nullable(),
  /** The blocking conflicts the request covers, in their current state, with recommendations. */
  conflicts: z.array(ConflictDetailResponseSchema),
});
export type ApprovalResponse = z.infer<typeof ApprovalResponseSchema>;

export const DecisionResponseSchema = ApprovalResponseSchema.extend({
  /** The re-check at decision time: blocking conflicts that appeared or went away since the request was opened. */
  registryChanged: z.boolean(),
  changes: z.object({ added: z.array(z.uuid()), gone: z.array(z.uuid()) }),
});
export type DecisionResponse = z.infer<typeof DecisionResponseSchema>;

export function toApprovalResponse(approval: ApprovalRecord): ApprovalResponse {
  return {
    ...approval,
    toolVersion: { ...approval.toolVersion, findings: approval.toolVersion.findings as ApprovalResponse['toolVersion']['findings'] },
    expiresAt: approval.expiresAt.toISOString(),
    decidedAt: approval.decidedAt?.toISOString() ?? null,
    createdAt: approval.createdAt.toISOString(),
    conflicts: approval.conflicts.map(toConflictDetailResponse),
  };
}
