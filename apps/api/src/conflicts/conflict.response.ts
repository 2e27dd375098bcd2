import type { ConflictDetail, ConflictRecord, RecommendationRecord, ToolRef } from '@toolgate/db';
import { z } from 'zod';
import { SEVERITY_VALUES, STAGE_VALUES } from '../environments/environment.request';
import { CONFLICT_STATUS_VALUES } from './conflict.request';

const ConflictToolSchema = z.object({ id: z.uuid(), server: z.string(), name: z.string() });

/** A pipeline Finding as stored (libs/pipeline/src/model/finding.ts); `evidence` is stage-specific JSON. */
const FindingSchema = z.object({
  stage: z.enum(STAGE_VALUES),
  type: z.string(),
  score: z.number(),
  severity: z.enum(SEVERITY_VALUES),
  evidence: z.record(z.string(), z.unknown()),
});

export const ConflictResponseSchema = z.object({
  id: z.uuid(),
  environmentId: z.uuid(),
  toolA: ConflictToolSchema,
  toolB: ConflictToolSchema,
  severity: z.enum(SEVERITY_VALUES),
  score: z.number(),
  status: z.enum(CONFLICT_STATUS_VALUES),
  suppressionReason: z.string().nullable(),
  findings: z.array(FindingSchema),
  firstSeenRunId: z.uuid().nullable(),
  lastSeenRunId: z.uuid().nullable(),
  resolvedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ConflictResponse = z.infer<typeof ConflictResponseSchema>;

const RecommendationResponseSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['rename', 'description', 'schema', 'scope']),
  targetToolId: z.uuid(),
  /** `{ before, after }`: partial tool definitions. */
  patch: z.object({ before: z.record(z.string(), z.unknown()), after: z.record(z.string(), z.unknown()) }),
  rationale: z.string(),
  source: z.enum(['rules', 'llm']),
  verification: z.object({ scoreBefore: z.number(), scoreAfter: z.number() }),
});
type RecommendationResponse = z.infer<typeof RecommendationResponseSchema>;

export const ConflictDetailResponseSchema = ConflictResponseSchema.extend({ recommendations: z.array(RecommendationResponseSchema) });
export type ConflictDetailResponse = z.infer<typeof ConflictDetailResponseSchema>;

function toToolResponse(ref: ToolRef): z.infer<typeof ConflictToolSchema> {
  return { id: ref.id, server: ref.serverName, name: ref.name };
}

export function toConflictResponse(conflict: ConflictRecord): ConflictResponse {
  return {
    id: conflict.id,
    environmentId: conflict.environmentId,
    toolA: toToolResponse(conflict.toolA),
    toolB: toToolResponse(conflict.toolB),
    severity: conflict.severity,
    score: conflict.score,
    status: conflict.status,
    suppressionReason: conflict.suppressionReason,
    // Written by the registration from the pipeline's Finding[]: the shape above.
    findings: conflict.findings as ConflictResponse['findings'],
    firstSeenRunId: conflict.firstSeenRunId,
    lastSeenRunId: conflict.lastSeenRunId,
    resolvedAt: conflict.resolvedAt?.toISOString() ?? null,
    createdAt: conflict.createdAt.toISOString(),
    updatedAt: conflict.updatedAt.toISOString(),
  };
}

function toRecommendationResponse(r: RecommendationRecord): RecommendationResponse {
  return {
    id: r.id,
    kind: r.kind.toLowerCase() as RecommendationResponse['kind'],
    targetToolId: r.targetToolId,
    patch: r.patch as RecommendationResponse['patch'],
    rationale: r.rationale,
    source: r.source.toLowerCase() as RecommendationResponse['source'],
    verification: { scoreBefore: r.scoreBefore, scoreAfter: r.scoreAfter },
  };
}

export function toConflictDetailResponse(conflict: ConflictDetail): ConflictDetailResponse {
  return { ...toConflictResponse(conflict), recommendations: conflict.recommendations.map(toRecommendationResponse) };
}
