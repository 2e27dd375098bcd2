import { type AnalysisReport, isAtLeast, type Severity } from '@toolgate/pipeline';

/**
 * Measured cost of simulating one flagged pair with the local router (6 probes x 3 trials per tool,
 * ~25 ms on one core; see the CI gate section of docs/api.md), rounded up for a busy machine.
 */
export const LOCAL_ROUTING_MS_PER_PAIR = 40;

/** The pipeline's default threshold for sending a pair to routing simulation (AnalyzeOptions.routingThreshold). */
const ROUTING_THRESHOLD: Severity = 'MEDIUM';

/** What the CI gate does with stage 4. */
export type RoutingPlan =
  | { action: 'skip'; reason: string }
  | { action: 'run'; pairs: number; estimatedMs: number }
  | { action: 'queue'; pairs: number; estimatedMs: number; reason: string };

/**
 * Pairs stage 4 would simulate, from a stages 1–3 report: those at or above the routing threshold, except
 * the ones a CRITICAL lexical finding already decided (the pipeline short-circuits them).
 */
export function routingPairs(report: AnalysisReport): number {
  return report.conflicts.filter(
    (c) => isAtLeast(c.severity, ROUTING_THRESHOLD) && !c.findings.some((f) => f.stage === 'lexical' && f.severity === 'CRITICAL'),
  ).length;
}

/** Decides whether stage 4 runs in the request, goes to the `simulation` queue, or is skipped. */
export function planRouting(policyHasRouting: boolean, pairs: number, budgetMs: number, msPerPair = LOCAL_ROUTING_MS_PER_PAIR): RoutingPlan {
  if (!policyHasRouting) return { action: 'skip', reason: "routing is not in the environment policy's stages" };
  if (pairs === 0) return { action: 'skip', reason: `no pair reached the routing threshold (${ROUTING_THRESHOLD})` };
  const estimatedMs = pairs * msPerPair;
  if (estimatedMs <= budgetMs) return { action: 'run', pairs, estimatedMs };
  return {
    action: 'queue',
    pairs,
    estimatedMs,
    reason: `simulating ${pairs} pair(s) is estimated at ${estimatedMs} ms, over the ${budgetMs} ms budget (CI_ROUTING_BUDGET_MS)`,
  };
}
