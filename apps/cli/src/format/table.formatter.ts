import { createColors } from 'picocolors';
import { isAtLeast, SEVERITIES, type Conflict, type Severity } from '@toolgate/pipeline';
import type { TextFormatter, CheckResult } from './check-result';
import { orderedConflicts, refKey } from './check-result';
import { clean, evidenceLine, recommendationText, score, topRecommendation } from './text';

type Colors = ReturnType<typeof createColors>;

/** Findings shown per conflict; the rest are counted, and all of them are in `--format json`. */
const TOP_FINDINGS = 3;
/**
 * LOW and INFO conflicts shown per group. A real registry has hundreds (shared verbs, similar
 * CRUD tools); listing them all would bury the ones that block. The JSON has every one.
 */
const MINOR_SHOWN = 10;

/** The terminal report: grouped by severity, one readable line per finding, a summary line last. */
export const formatTable: TextFormatter = (result, options) => {
  const c = createColors(options.color);
  const lines: string[] = [];
  const conflicts = orderedConflicts(result.report.conflicts);
  for (const severity of SEVERITIES) {
    const group = conflicts.filter((x) => x.severity === severity);
    if (group.length === 0) continue;
    lines.push(paint(c, severity, `${severity} (${group.length})`));
    const shown = isAtLeast(severity, 'MEDIUM') ? group : group.slice(0, MINOR_SHOWN);
    for (const conflict of shown) lines.push(...conflictLines(c, conflict, result));
    if (shown.length < group.length) lines.push(c.dim(`  … ${group.length - shown.length} more ${severity} conflicts (all of them are in --format json)`));
    lines.push('');
  }
  const toolFindings = [...result.report.toolFindings].sort((x, y) => SEVERITIES.indexOf(x.severity) - SEVERITIES.indexOf(y.severity));
  if (toolFindings.length > 0) {
    lines.push(c.bold(`Tool findings (${toolFindings.length})`));
    for (const f of toolFindings) {
      lines.push(`  ${paint(c, f.severity, f.severity.padEnd(8))} ${clean(`${f.server}/${f.tool}`)}  ${c.cyan(f.type)}`);
      lines.push(c.dim(`      ${evidenceLine(f.evidence)}`));
    }
    lines.push('');
  }
  if (conflicts.length === 0 && toolFindings.length === 0) lines.push(c.green('No conflicts or tool findings.'), '');
  lines.push(summaryLine(c, result));
  return `${lines.join('\n')}\n`;
};

function conflictLines(c: Colors, conflict: Conflict, result: CheckResult): string[] {
  const mark = (label: string, key: string) => (result.candidates.has(key) ? `${label} ${c.dim('(candidate)')}` : label);
  const lines = [
    `  ${paint(c, conflict.severity, '●')} ${c.bold(mark(clean(refKey(conflict.a)), refKey(conflict.a)))} ↔ ${c.bold(
      mark(clean(refKey(conflict.b)), refKey(conflict.b)),
    )}  score ${score(conflict.score)}`,
  ];
  const findings = [...conflict.findings].sort((x, y) => y.score - x.score);
  for (const f of findings.slice(0, TOP_FINDINGS)) {
    lines.push(`      ${c.cyan(`${f.stage}/${f.type}`)} ${score(f.score)}  ${c.dim(evidenceLine(f.evidence, 100))}`);
  }
  if (findings.length > TOP_FINDINGS) lines.push(c.dim(`      … ${findings.length - TOP_FINDINGS} more finding(s)`));
  const fix = topRecommendation(conflict.recommendations);
  if (fix) lines.push(`      ${c.green('fix')} ${recommendationText(fix)}`);
  return lines;
}

function summaryLine(c: Colors, result: CheckResult): string {
  const { summary } = result.report;
  const { failOn } = summary;
  const counts = SEVERITIES.filter((s) => (summary.bySeverity[s] ?? 0) > 0).map((s) => `${summary.bySeverity[s]} ${s.toLowerCase()}`);
  const parts = [
    plural(summary.tools, 'tool'),
    `${plural(summary.conflicts, 'conflict')}${counts.length ? ` (${counts.join(', ')})` : ''}`,
    `${summary.durationMs} ms`,
  ];
  if (result.inputErrors.length > 0) parts.push(c.yellow(`${plural(result.inputErrors.length, 'input error')}, see stderr`));
  const verdict =
    failOn === 'NONE'
      ? c.dim('gate off (--fail-on none)')
      : summary.blocked
        ? c.red(c.bold(`BLOCKED (fail-on ${failOn})`))
        : c.green(`passed (fail-on ${failOn})`);
  return `${parts.join(' · ')} · ${verdict}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function paint(c: Colors, severity: Severity, text: string): string {
  switch (severity) {
    case 'CRITICAL':
      return c.bold(c.magenta(text));
    case 'HIGH':
      return c.bold(c.red(text));
    case 'MEDIUM':
      return c.yellow(text);
    case 'LOW':
      return c.blue(text);
    default:
      return c.dim(text);
  }
}
