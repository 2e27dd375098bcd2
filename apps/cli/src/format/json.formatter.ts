import type { Conflict, ToolFinding } from '@toolgate/pipeline';
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
    conflicts: orderedConflicts(report.conflicts).map(toJsonConflict),
    toolFindings: report.toolFindings.map(toJsonToolFinding),
    inputErrors: result.inputErrors.map((e) => ({ ...e })),
  };
}

function toJsonConflict(c: Conflict) {
  return {
    key: c.key,
    severity: c.severity,
    a: { server: c.a.server, tool: c.a.tool },
    b: { server: c.b.server, tool: c.b.tool },
    score: c.score,
    findings: c.findings.map((f) => ({ stage: f.stage, type: f.type, score: f.score, severity: f.severity, evidence: f.evidence })),
    recommendations: c.recommendations,
  };
}

function toJsonToolFinding(f: ToolFinding) {
  return { server: f.server, tool: f.tool, type: f.type, severity: f.severity, evidence: f.evidence };
}

/**
 * Streams the document: the summary pretty-printed, then one conflict or finding per line. Same
 * contract as {@link toJsonDocument}; never one giant string, so a 50,000-tool report fits in memory.
 */
export const formatJson: CheckFormatter = function* (result) {
  const { report } = result;
  const summary = { ...report.summary, inputErrors: result.inputErrors.length };
  yield `{\n  "summary": ${JSON.stringify(summary, null, 2).replace(/\n/g, '\n  ')},\n`;
  yield* jsonArray('conflicts', orderedConflicts(report.conflicts), toJsonConflict);
  yield ',\n';
  yield* jsonArray('toolFindings', report.toolFindings, toJsonToolFinding);
  yield ',\n';
  yield* jsonArray('inputErrors', result.inputErrors, (e) => ({ ...e }));
  yield '\n}\n';
};

/** Items batched per chunk: fewer writes than one per item, still constant memory. */
const ITEMS_PER_CHUNK = 256;

function* jsonArray<T>(name: string, items: readonly T[], map: (item: T) => unknown): Generator<string> {
  if (items.length === 0) {
    yield `  "${name}": []`;
    return;
  }
  let chunk = `  "${name}": [\n`;
  for (let i = 0; i < items.length; i++) {
    chunk += `    ${JSON.stringify(map(items[i]))}${i + 1 < items.length ? ',' : ''}\n`;
    if ((i + 1) % ITEMS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}  ]`;
}
