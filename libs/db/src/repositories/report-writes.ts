import type { ConflictWrite, RecommendationWrite } from './conflict-sync';
import { type AnalysisReport, type Conflict, isAtLeast, type Severity, toolKey } from '@toolgate/pipeline';

/**
 * A pipeline report's conflicts as repository writes, tool refs mapped to ids by `idOf` (every tool of a
 * registration analysis is a registry row).
 */
export function conflictWrites(report: AnalysisReport, idOf: (server: string, tool: string) => string): ConflictWrite[] {
  return report.conflicts.map((c) => conflictWrite(c, idOf));
}

/** One pipeline conflict (with its recommendations) as a repository write. */
export function conflictWrite(c: Conflict, idOf: (server: string, tool: string) => string): ConflictWrite {
  return {
    toolIds: [idOf(c.a.server, c.a.tool), idOf(c.b.server, c.b.tool)],
    severity: c.severity,
    score: c.score,
    findings: c.findings,
    recommendations: c.recommendations.map(
      (r): RecommendationWrite => ({
        kind: r.kind.toUpperCase() as RecommendationWrite['kind'],
        targetToolId: idOf(r.target.server, r.target.tool),
        patch: r.patch,
        rationale: r.rationale,
        source: r.source === 'llm' ? 'LLM' : 'RULES',
        scoreBefore: r.verification.scoreBefore,
        scoreAfter: r.verification.scoreAfter,
      }),
    ),
  };
}

/** Keys of the subjects behind a conflict or own finding at or above `failOn`: they become BLOCKED. */
export function blockedSubjects(report: AnalysisReport, subjectKeys: ReadonlySet<string>, failOn: Severity | 'NONE'): Set<string> {
  const blocked = new Set<string>();
  if (failOn === 'NONE') return blocked;
  for (const c of report.conflicts) {
    if (!isAtLeast(c.severity, failOn)) continue;
    for (const ref of [c.a, c.b]) if (subjectKeys.has(toolKey(ref.server, ref.tool))) blocked.add(toolKey(ref.server, ref.tool));
  }
  for (const f of report.toolFindings) if (isAtLeast(f.severity, failOn) && subjectKeys.has(toolKey(f.server, f.tool))) blocked.add(toolKey(f.server, f.tool));
  return blocked;
}
