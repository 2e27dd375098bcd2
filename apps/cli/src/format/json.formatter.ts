import type { CheckFormatter, CheckResult } from './check-result';
import { orderedConflicts } from './check-result';

/**
 * The JSON contract of `toolgate check --format json`. Other tools parse it: fields may be added,
 * never renamed or removed (docs/cli.md).
 */
export function toJsonDocument(result: CheckResult) {
  const { report } = result;
  return {
    // The pipeline's summary as is (tools, conflicts, bySeverity, blocked, failOn, durationMs, stages,
    // ...), plus the count of input errors.
    summary: { ...report.summary, inputErrors: result.inputErrors.length },
    conflicts: orderedConflicts(report.conflicts).map((c) => ({
      key: c.key,
      severity: c.severity,
      a: { server: c.a.server, tool: c.a.tool },
      b: { server: c.b.server, tool: c.b.tool },
      score: c.score,
      findings: c.findings.map((f) => ({ stage: f.stage, type: f.type, score: f.score, severity: f.severity, evidence: f.evidence })),
      recommendations: c.recommendations,
    })),
    toolFindings: report.toolFindings.map((f) => ({
      server: f.server,
      tool: f.tool,
      type: f.type,
      severity: f.severity,
      evidence: f.evidence,
    })),
    inputErrors: result.inputErrors.map((e) => ({ ...e })),
  };
}

export const formatJson: CheckFormatter = (result) => `${JSON.stringify(toJsonDocument(result), null, 2)}\n`;
