import type { AnalysisRunRecord } from '@toolgate/db';
import { z } from 'zod';
import { STAGE_VALUES } from '../environments/environment.request';

export const AnalysisRunResponseSchema = z.object({
  id: z.uuid(),
  environmentId: z.uuid(),
  trigger: z.enum(['manual', 'sync', 'registration', 'schedule', 'policy_change']),
  status: z.enum(['queued', 'running', 'completed', 'failed']),
  stages: z.array(z.enum(STAGE_VALUES)),
  /** Milliseconds per step: `index` (bringing the worker's cached index up to date), `pairs` (stages 1–3). */
  stageTimings: z.record(z.string(), z.number()),
  counts: z.object({ tools: z.number().int(), pairs: z.number().int(), conflicts: z.number().int() }),
  error: z.string().nullable(),
  /** Remote model calls of the run: totals and one line per model (all zero on local providers). Cost is an estimate in USD. */
  usage: z.object({
    calls: z.number().int(),
    promptTokens: z.number().int(),
    completionTokens: z.number().int(),
    embeddingTokens: z.number().int(),
    costUsd: z.number(),
    byModel: z.array(
      z.object({
        model: z.string(),
        kind: z.enum(['embedding', 'chat']),
        calls: z.number().int(),
        inputTokens: z.number().int(),
        outputTokens: z.number().int(),
        costUsd: z.number(),
        priced: z.boolean(),
      }),
    ),
  }),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
});
export type AnalysisRunResponse = z.infer<typeof AnalysisRunResponseSchema>;

export const AnalysisRunAcceptedSchema = z.object({ id: z.uuid(), status: z.literal('queued') });
export type AnalysisRunAccepted = z.infer<typeof AnalysisRunAcceptedSchema>;

export function toAnalysisRunResponse(run: AnalysisRunRecord): AnalysisRunResponse {
  return {
    id: run.id,
    environmentId: run.environmentId,
    trigger: run.trigger.toLowerCase() as AnalysisRunResponse['trigger'],
    status: run.status.toLowerCase() as AnalysisRunResponse['status'],
    stages: run.stages.map((s) => s.toLowerCase() as AnalysisRunResponse['stages'][number]),
    stageTimings: run.stageTimings,
    counts: { tools: run.toolCount, pairs: run.pairCount, conflicts: run.conflictCount },
    error: run.error,
    usage: { ...run.usage, byModel: run.usage.byModel.map((l) => ({ ...l })) },
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}
