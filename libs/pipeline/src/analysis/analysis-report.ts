import type { Conflict, StageName, ToolFinding } from '../model/finding';
import type { Severity } from '../model/severity';

export interface StageTiming {
  stage: StageName | 'index' | 'pairs' | 'recommendations';
  ms: number;
  /** Pairs (or tools, for `index`) the stage looked at. */
  items: number;
  /** Why a stage did not run (not selected, nothing flagged). */
  skipped?: string;
}

/** The report every entry point shares. The CLI's JSON output is this object: extend it, never rename. */
export interface AnalysisReport {
  summary: {
    tools: number;
    /** Tools that were checked: all of them, or only the candidates. */
    checked: number;
    conflicts: number;
    bySeverity: Record<Severity, number>;
    toolFindings: number;
    blocked: boolean;
    failOn: Severity | 'NONE';
    durationMs: number;
    stages: StageTiming[];
  };
  conflicts: Conflict[];
  toolFindings: ToolFinding[];
}
