import { z } from 'zod';

const Counts = z.record(z.string(), z.number().int());

export const RegistryHealthResponseSchema = z.object({
  /** 0–100; formula in docs/api.md#registry-health. */
  score: z.number().int().min(0).max(100),
  /** `registry`: tools that are ACTIVE, BLOCKED or PENDING_ANALYSIS; `byStatus` includes removed ones. */
  tools: z.object({ registry: z.number().int(), byStatus: Counts }),
  /** Unresolved = OPEN or ACKNOWLEDGED. */
  conflicts: z.object({ unresolved: z.number().int(), unresolvedBySeverity: Counts, byStatus: Counts }),
});
export type RegistryHealthResponse = z.infer<typeof RegistryHealthResponseSchema>;
