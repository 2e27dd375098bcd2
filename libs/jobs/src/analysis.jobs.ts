import { z } from 'zod';

/**
 * Job names on the `analysis` queue.
 *
 * NEVER RENAME: live jobs depend on these names (a waiting job keeps the name it was added with).
 */
export const ANALYSIS_JOBS = {
  /** A full re-scan of one environment, recorded as an AnalysisRun. */
  environmentScan: 'environment-scan',
  /** One shard of a large re-scan: stages 1–3 for a slice of the environment's tools (a child in a flow). */
  environmentScanShard: 'environment-scan-shard',
  /** The parent of a sharded re-scan: merges its shards' results and records the run. */
  environmentScanMerge: 'environment-scan-merge',
  /** The analysis of tool versions registered as PENDING_ANALYSIS, recorded as a REGISTRATION run. */
  registrationAnalysis: 'registration-analysis',
} as const;

/** Payload of `environment-scan`: the run's id only; the worker reloads the run and the registry. */
export const EnvironmentScanPayloadSchema = z.object({ runId: z.uuid() });
export type EnvironmentScanPayload = z.infer<typeof EnvironmentScanPayloadSchema>;

/**
 * The BullMQ job id of a run's scan. Derived from the run, so enqueueing the same run twice is a no-op
 * (BullMQ ignores an add whose id exists); `:` is reserved by BullMQ in custom ids.
 */
export function environmentScanJobId(runId: string): string {
  return `environment-scan-${runId}`;
}

/**
 * Payload of `registration-analysis`: the run and the tool versions it decides. A tool whose current version
 * is no longer one of these was registered again meanwhile, and that newer version has its own job.
 */
export const RegistrationAnalysisPayloadSchema = z.object({ runId: z.uuid(), versionIds: z.array(z.uuid()).min(1).max(1000) });
export type RegistrationAnalysisPayload = z.infer<typeof RegistrationAnalysisPayloadSchema>;

/** The BullMQ job id of a registration run's analysis. */
export function registrationAnalysisJobId(runId: string): string {
  return `registration-analysis-${runId}`;
}

/** Payload of `environment-scan-shard`: shard `shard` of `shards` (tools taken by position in key order). */
export const EnvironmentScanShardPayloadSchema = z.object({ runId: z.uuid(), shard: z.number().int().min(0), shards: z.number().int().min(2) });
export type EnvironmentScanShardPayload = z.infer<typeof EnvironmentScanShardPayloadSchema>;

/** Job ids of a sharded scan's parent and children, derived from the run so a retried fan-out adds nothing twice. */
export function environmentScanFlowJobIds(runId: string, shards: number): { merge: string; shards: string[] } {
  return { merge: `environment-scan-merge-${runId}`, shards: Array.from({ length: shards }, (_, i) => `environment-scan-shard-${runId}-${i}`) };
}
