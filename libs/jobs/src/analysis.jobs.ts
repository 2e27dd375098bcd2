import { z } from 'zod';

/**
 * Job names on the `analysis` queue.
 *
 * NEVER RENAME: live jobs depend on these names (a waiting job keeps the name it was added with).
 */
export const ANALYSIS_JOBS = {
  /** A full re-scan of one environment, recorded as an AnalysisRun. */
  environmentScan: 'environment-scan',
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
