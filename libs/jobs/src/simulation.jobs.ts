import { z } from 'zod';

/**
 * Job names on the `simulation` queue.
 *
 * NEVER RENAME: live jobs depend on these names (a waiting job keeps the name it was added with).
 */
export const SIMULATION_JOBS = {
  /** The routing stage of a CI check that did not fit the request's time budget. */
  ciCheckRouting: 'ci-check-routing',
} as const;

/**
 * Payload of `ci-check-routing`: the check's id only. A CI check's candidate tools are not registry
 * rows, so the API stores them (without secrets: tool definitions only) under {@link ciCheckKey} and
 * the worker reloads them from there.
 */
export const CiCheckRoutingPayloadSchema = z.object({ checkId: z.uuid() });
export type CiCheckRoutingPayload = z.infer<typeof CiCheckRoutingPayloadSchema>;

/** What the API stores for a queued CI routing simulation, and the worker reads back. */
export const CiCheckRoutingInputSchema = z.object({
  environmentId: z.uuid(),
  server: z.string(),
  tools: z.array(z.record(z.string(), z.unknown())),
});
export type CiCheckRoutingInput = z.infer<typeof CiCheckRoutingInputSchema>;

/** Redis key of a CI check's stored input (`…:input`) and routing result (`…:result`), under REDIS_PREFIX. */
export function ciCheckKey(prefix: string, checkId: string, part: 'input' | 'result'): string {
  return `${prefix}:ci-checks:${checkId}:${part}`;
}

/** How long a CI check's input and routing result are kept in Redis. */
export const CI_CHECK_TTL_SECONDS = 24 * 3600;

/** The BullMQ job id of a check's routing simulation: one per check. */
export function ciCheckRoutingJobId(checkId: string): string {
  return `ci-check-routing-${checkId}`;
}
