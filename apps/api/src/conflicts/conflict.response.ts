import type { ConflictDetail, ConflictRecord, RecommendationRecord, ToolRef } from '@toolgate/db';

export interface ConflictToolResponse {
  id: string;
  server: string;
  name: string;
}

export interface ConflictResponse {
  id: string;
  environmentId: string;
  toolA: ConflictToolResponse;
  toolB: ConflictToolResponse;
  severity: string;
  score: number;
  status: string;
  suppressionReason: string | null;
  /** Finding[] as the pipeline produced them: stage, type, score, severity, evidence. */
  findings: unknown[];
  firstSeenRunId: string | null;
  lastSeenRunId: string | null;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RecommendationResponse {
  id: string;
  kind: string;
  targetToolId: string;
  patch: unknown;
  rationale: string;
  source: string;
  verification: { scoreBefore: number; scoreAfter: number };
}

export interface ConflictDetailResponse extends ConflictResponse {
  recommendations: RecommendationResponse[];
}

function toToolResponse(ref: ToolRef): ConflictToolResponse {
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
    findings: conflict.findings,
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
    kind: r.kind.toLowerCase(),
    targetToolId: r.targetToolId,
    patch: r.patch,
    rationale: r.rationale,
    source: r.source.toLowerCase(),
    verification: { scoreBefore: r.scoreBefore, scoreAfter: r.scoreAfter },
  };
}

export function toConflictDetailResponse(conflict: ConflictDetail): ConflictDetailResponse {
  return { ...toConflictResponse(conflict), recommendations: conflict.recommendations.map(toRecommendationResponse) };
}
