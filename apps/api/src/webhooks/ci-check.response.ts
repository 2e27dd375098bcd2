import { z } from 'zod';
import { SEVERITY_VALUES } from '../environments/environment.request';
import { RegisteredToolResponseSchema, ToolFindingSchema } from '../tools/tool.response';

const ToolRefSchema = z.object({ server: z.string(), tool: z.string() });

/** A pipeline Conflict as the CI gate reports it (not stored unless `register: true`). */
const CiConflictSchema = z.looseObject({
  key: z.string(),
  a: ToolRefSchema,
  b: ToolRefSchema,
  severity: z.enum(SEVERITY_VALUES),
  score: z.number(),
  findings: z.array(z.looseObject({ stage: z.string(), type: z.string(), severity: z.enum(SEVERITY_VALUES) })),
});

/** One reason the check failed: a conflict or a tool's own finding at or above the blocking severity. */
export const BlockingReasonSchema = z.object({
  kind: z.enum(['conflict', 'tool-finding']),
  severity: z.enum(SEVERITY_VALUES),
  /** The tools involved: two for a conflict, one for a tool finding. */
  tools: z.array(ToolRefSchema),
  /** Finding types, e.g. `exact-name-collision`, `hidden-instructions`. */
  types: z.array(z.string()),
  message: z.string(),
});
export type BlockingReason = z.infer<typeof BlockingReasonSchema>;

export const CiRecommendationSchema = z.object({
  conflict: z.string(),
  kind: z.string(),
  target: ToolRefSchema,
  rationale: z.string(),
  patch: z.object({ before: z.record(z.string(), z.unknown()), after: z.record(z.string(), z.unknown()) }),
  verification: z.object({ scoreBefore: z.number(), scoreAfter: z.number() }),
});
export type CiRecommendation = z.infer<typeof CiRecommendationSchema>;

export const RoutingStatusSchema = z.object({
  status: z.enum(['completed', 'queued', 'skipped']),
  reason: z.string(),
  /** Pairs stage 4 simulated (completed) or will simulate (queued). */
  pairs: z.number().int(),
  /** Set when queued: the `simulation` job; its result is at `GET /v1/webhooks/ci-check/{checkId}/routing`. */
  jobId: z.string().optional(),
});
export type RoutingStatus = z.infer<typeof RoutingStatusSchema>;

export const CiCheckResponseSchema = z.object({
  /** Identifies this check (and its queued routing simulation, if any). */
  checkId: z.uuid(),
  passed: z.boolean(),
  environment: z.object({ id: z.uuid(), name: z.string(), blockingSeverity: z.enum(SEVERITY_VALUES) }),
  /** Present on 409 only. */
  blocking: z.array(BlockingReasonSchema).optional(),
  conflicts: z.array(CiConflictSchema),
  toolFindings: z.array(ToolFindingSchema),
  recommendations: z.array(CiRecommendationSchema),
  routing: RoutingStatusSchema,
  /** Present when `register: true`: what was stored, with each tool's status. */
  registration: z.object({ items: z.array(RegisteredToolResponseSchema) }).optional(),
  durationMs: z.number(),
});
export type CiCheckResponse = z.infer<typeof CiCheckResponseSchema>;
