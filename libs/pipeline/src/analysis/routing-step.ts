import { routingShift, simulateRouting } from '../routing';
import { pairKey, type ToolFinding } from '../model/finding';
import type { Router } from '../model/providers';
import { isAtLeast, maxSeverity, type Severity } from '../model/severity';
import type { Tool } from '../model/tool';
import { DEFAULT_PROBES_PER_TOOL, DEFAULT_ROUTING_THRESHOLD, DEFAULT_TRIALS, type AnalyzeOptions } from './analyze-options';
import type { FlaggedPair } from './analyze';
import type { IndexedTool, ToolIndex } from './tool-index';

/** Neighbours shown to the router beside the pair: what an agent loading the registry would also see. */
const CONTEXT_NEIGHBOURS = 3;
/** A candidate that takes at least this share of an existing tool's probes shifts routing (MEDIUM). */
const SHIFT_MEDIUM_SHARE = 1 / 3;

interface RoutingStepOptions extends AnalyzeOptions {
  router: Router;
  progress: NonNullable<AnalyzeOptions['onProgress']>;
}

/**
 * Stage 4. Runs only on pairs that stages 1–3 flagged at or above the routing threshold and that
 * are not already CRITICAL. Adds `routing-confusion` findings to those pairs in place, and, for
 * candidate checks, reports which existing tools lose probes to each candidate.
 */
export async function runRoutingStep(
  pairs: FlaggedPair[],
  index: ToolIndex,
  candidates: readonly IndexedTool[],
  options: RoutingStepOptions,
): Promise<{ evaluated: number; shift: ToolFinding[] }> {
  const threshold: Severity = options.routingThreshold ?? DEFAULT_ROUTING_THRESHOLD;
  const eligible = pairs.filter((p) => !p.shortCircuited && isAtLeast(maxSeverity(p.findings.map((f) => f.severity)), threshold));
  const trials = options.trials ?? DEFAULT_TRIALS;
  const probesPerTool = options.probesPerTool ?? DEFAULT_PROBES_PER_TOOL;
  const context = (a: Tool, b: Tool): Tool[] => routingContext(index, a, b);

  if (eligible.length > 0) {
    options.progress({ phase: 'routing', done: 0, total: eligible.length });
    const results = await simulateRouting(
      eligible.map((p) => ({ a: p.a.tool, b: p.b.tool })),
      { router: options.router, context, trials, probesPerTool, probeGenerator: options.probeGenerator },
    );
    for (const pair of eligible) {
      const finding = results.get(pairKey(pair.a.tool.key, pair.b.tool.key));
      if (finding) pair.findings.push(finding);
    }
    options.progress({ phase: 'routing', done: eligible.length, total: eligible.length });
  }

  const shift: ToolFinding[] = [];
  for (const candidate of candidates) {
    const neighbours = index.nearestTools(candidate, CONTEXT_NEIGHBOURS * 2).map((n) => n.tool);
    if (neighbours.length === 0) continue;
    const losses = (await routingShift(candidate.tool, neighbours, { router: options.router, trials, probesPerTool, probeGenerator: options.probeGenerator })).filter((l) => l.lost > 0);
    if (losses.length === 0) continue;
    const worst = Math.max(...losses.map((l) => l.lost / Math.max(1, l.of)));
    shift.push({
      server: candidate.tool.server,
      tool: candidate.tool.definition.name,
      type: 'routing-shift',
      severity: worst >= SHIFT_MEDIUM_SHARE ? 'MEDIUM' : 'LOW',
      evidence: { losers: losses, worstShare: Math.round(worst * 1000) / 1000 },
    });
  }
  return { evaluated: eligible.length, shift };
}

/** The pair's nearest neighbours (excluding the pair itself), in a stable order. */
export function routingContext(index: ToolIndex, a: Tool, b: Tool): Tool[] {
  const out = new Map<string, Tool>();
  for (const tool of [a, b]) {
    const indexed = index.get(tool.key);
    if (!indexed) continue;
    for (const n of index.nearestTools(indexed, CONTEXT_NEIGHBOURS)) {
      if (n.tool.key !== a.key && n.tool.key !== b.key) out.set(n.tool.key, n.tool);
    }
  }
  return [...out.values()];
}
