import type { SeverityLevel } from '@toolgate/db';

/** Penalty points per unresolved conflict, by severity (docs/api.md#registry-health). */
export const HEALTH_WEIGHTS: Record<SeverityLevel, number> = { CRITICAL: 10, HIGH: 5, MEDIUM: 2, LOW: 1, INFO: 0 };

/**
 * Registry health in [0, 100]: 100 minus 10 × (weighted unresolved conflicts per registry tool), rounded
 * and clamped. Per tool, so a large registry with a few conflicts scores better than a tiny one with
 * the same conflicts; ×10 makes one CRITICAL conflict among ten tools cost 10 points.
 */
export function healthScore(unresolvedBySeverity: Partial<Record<SeverityLevel, number>>, registryTools: number): number {
  let penalty = 0;
  for (const [severity, count] of Object.entries(unresolvedBySeverity) as [SeverityLevel, number][]) penalty += HEALTH_WEIGHTS[severity] * count;
  if (penalty === 0) return 100;
  const score = 100 - (10 * penalty) / Math.max(registryTools, 1);
  return Math.round(Math.min(100, Math.max(0, score)));
}
