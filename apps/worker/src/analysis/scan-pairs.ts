import {
  buildConflict,
  type Conflict,
  DEFAULT_CANDIDATE_MIN_COSINE,
  DEFAULT_SEMANTIC_NEIGHBOURS,
  evaluatePair,
  type FlaggedPair,
  isAtLeast,
  pairKey,
  scanTool,
  type Severity,
  type StageName,
  type ToolFinding,
  type ToolIndex,
  toolKey,
} from '@toolgate/pipeline';

/** One slice of a sharded scan: the tools at positions `index`, `index + count`, ... in key order. */
export interface Shard {
  index: number;
  count: number;
}

export interface PairScan {
  conflicts: Conflict[];
  toolFindings: ToolFinding[];
  /** Candidate pairs evaluated through stages 1–3. */
  pairCount: number;
  /** Keys of the tools scanned (all, or the shard's). */
  subjects: string[];
}

/**
 * Merges shard scans. A pair retrieved from both of its tools, in two shards, was evaluated by both (with the
 * same result: evaluation is order-independent) and is one conflict here; `pairCount` is then the number of
 * evaluations, which can exceed the single scan's distinct pairs. Deciding ownership instead costs a second
 * retrieval per pair, which measured slower than the duplicate evaluations (docs/architecture.md).
 */
export function mergeScans(scans: readonly PairScan[]): PairScan {
  const byKey = new Map<string, Conflict>();
  for (const scan of scans) for (const c of scan.conflicts) byKey.set(c.key, c);
  return {
    conflicts: [...byKey.values()],
    toolFindings: scans.flatMap((s) => s.toolFindings),
    pairCount: scans.reduce((sum, s) => sum + s.pairCount, 0),
    subjects: scans.flatMap((s) => s.subjects),
  };
}

/** Stages 1–3 of a (shard of a) re-scan: the flagged pairs still hold their indexed tools, for stage 4 and recommendations. */
export interface FlaggedScan extends Omit<PairScan, 'conflicts'> {
  pairs: FlaggedPair[];
}

/**
 * Stages 1–3 over every pair of an (already indexed) registry, as the pipeline's `analyze` does for its
 * subjects, but on a long-lived index the worker keeps updated between jobs. The flagged pairs are finished
 * (routing, recommendations) by `finishFlaggedPairs`, as `analyze` finishes its own.
 */
export function scanFlaggedPairs(index: ToolIndex, stages: ReadonlySet<StageName>, shard?: Shard): FlaggedScan {
  const neighbourOptions = { semanticNeighbours: stages.has('semantic') ? DEFAULT_SEMANTIC_NEIGHBOURS : 0, minCosine: DEFAULT_CANDIDATE_MIN_COSINE };
  const all = [...index.values()].sort((x, y) => (x.tool.key < y.tool.key ? -1 : 1));
  // Interleaved rather than contiguous slices: neighbouring keys (similar names) spread over the shards evenly.
  const items = shard ? all.filter((_, i) => i % shard.count === shard.index) : all;
  const seen = new Set<string>();
  const pairs: FlaggedPair[] = [];
  const toolFindings: ToolFinding[] = [];
  let pairCount = 0;
  // As in `analyze`: mentions of same-server siblings are workflow ("then call upload_file"), not shadowing.
  const namesByServer = new Map<string, string[]>();
  for (const item of all) namesByServer.set(item.tool.server, [...(namesByServer.get(item.tool.server) ?? []), item.tool.definition.name]);
  for (const item of items) {
    const siblings = (namesByServer.get(item.tool.server) ?? []).filter((n) => n !== item.tool.definition.name);
    toolFindings.push(...scanTool(item.tool, { siblings }));
    for (const key of index.neighbours(item, neighbourOptions)) {
      const other = index.get(key);
      if (!other) continue;
      const id = pairKey(item.tool.key, key);
      if (seen.has(id)) continue;
      seen.add(id);
      pairCount++;
      const [a, b] = item.tool.key < key ? [item, other] : [other, item];
      const { findings, shortCircuited } = evaluatePair(a, b, stages);
      if (findings.length > 0) pairs.push({ a, b, findings, shortCircuited });
    }
  }
  return { pairs, toolFindings, pairCount, subjects: items.map((item) => item.tool.key) };
}

/** Stages 1–3 only, as conflicts (no routing, no recommendations): what shards agree on, in specs. */
export function scanPairs(index: ToolIndex, stages: ReadonlySet<StageName>, shard?: Shard): PairScan {
  const { pairs, ...rest } = scanFlaggedPairs(index, stages, shard);
  return { ...rest, conflicts: pairs.map((p) => buildConflict(p.a.tool, p.b.tool, p.findings)) };
}

/** A registry tool as a re-scan sees it. */
export interface ScannedTool {
  id: string;
  key: string;
  versionId: string;
  status: string;
}

/**
 * New statuses after a re-scan. Tools waiting for a decision (PENDING_ANALYSIS, BLOCKED) become BLOCKED when a
 * conflict or own finding reaches `failOn`, else ACTIVE. ACTIVE tools stay ACTIVE: their version was approved
 * (by analysis or a person) and a re-scan reports new conflicts as OPEN rather than pulling a live tool.
 */
export function decideStatuses(
  tools: readonly ScannedTool[],
  scan: Pick<PairScan, 'conflicts' | 'toolFindings'>,
  failOn: Severity | 'NONE',
): Array<{ toolId: string; versionId: string; status: 'ACTIVE' | 'BLOCKED'; findings: ToolFinding[] }> {
  const blocked = new Set<string>();
  const findings = new Map<string, ToolFinding[]>();
  for (const f of scan.toolFindings) {
    const key = toolKey(f.server, f.tool);
    findings.set(key, [...(findings.get(key) ?? []), f]);
  }
  if (failOn !== 'NONE') {
    for (const c of scan.conflicts) if (isAtLeast(c.severity, failOn)) for (const ref of [c.a, c.b]) blocked.add(toolKey(ref.server, ref.tool));
    for (const f of scan.toolFindings) if (isAtLeast(f.severity, failOn)) blocked.add(toolKey(f.server, f.tool));
  }
  return tools
    .filter((t) => t.status === 'PENDING_ANALYSIS' || t.status === 'BLOCKED')
    .map((t) => ({ toolId: t.id, versionId: t.versionId, status: blocked.has(t.key) ? 'BLOCKED' : 'ACTIVE', findings: findings.get(t.key) ?? [] }));
}
