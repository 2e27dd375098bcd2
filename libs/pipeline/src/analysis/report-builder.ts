import type { Conflict, ToolFinding } from '../model/finding';
import { isAtLeast, SEVERITIES, type Severity } from '../model/severity';
import type { AnalysisReport, StageTiming } from './analysis-report';

/** Milliseconds since `since` (a `performance.now()` reading), to one decimal. */
export function elapsed(since: number): number {
  return Math.round((performance.now() - since) * 10) / 10;
}

/** Most severe first, then highest score, then key: the report's stable order. */
export function compareConflicts(x: Conflict, y: Conflict): number {
  const bySeverity = SEVERITIES.indexOf(x.severity) - SEVERITIES.indexOf(y.severity);
  if (bySeverity !== 0) return bySeverity;
  if (y.score !== x.score) return y.score - x.score;
  return x.key < y.key ? -1 : x.key > y.key ? 1 : 0;
}

export interface ReportParts {
  /** Tools in the analysed registry (after candidates replaced their versions). */
  tools: number;
  /** Tools whose pairs were looked for (all, or the candidates). */
  checked: number;
  conflicts: Conflict[];
  toolFindings: ToolFinding[];
  failOn: Severity | 'NONE';
  /** `performance.now()` when the analysis started. */
  started: number;
  timings: StageTiming[];
}

/** The report of `analyze` and `checkCandidates`: conflicts in report order, counts, and the blocking verdict. */
export function buildReport(parts: ReportParts): AnalysisReport {
  const { conflicts, toolFindings, failOn } = parts;
  conflicts.sort(compareConflicts);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const c of conflicts) bySeverity[c.severity]++;
  const blocked = failOn !== 'NONE' && (conflicts.some((c) => isAtLeast(c.severity, failOn)) || toolFindings.some((f) => isAtLeast(f.severity, failOn)));
  return {
    summary: {
      tools: parts.tools,
      checked: parts.checked,
      conflicts: conflicts.length,
      bySeverity,
      toolFindings: toolFindings.length,
      blocked,
      failOn,
      durationMs: Math.round(elapsed(parts.started)),
      stages: parts.timings,
    },
    conflicts,
    toolFindings,
  };
}
