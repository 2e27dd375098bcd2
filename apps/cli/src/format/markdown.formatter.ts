import { SEVERITIES, type Conflict, type ToolFinding } from '@toolgate/pipeline';
import type { TextFormatter } from './check-result';
import { orderedConflicts, refKey } from './check-result';
import { describeInputError } from '../input/load-tools';
import { clean, evidenceLine, recommendationText, score } from './text';

/**
 * A PR comment: verdict, a severity table, then one section per conflict with the full evidence in
 * a collapsed block. Registry text is untrusted, so it only ever appears inside code spans/blocks.
 */
/** GitHub rejects comment bodies longer than this; keep room for the trailing note. */
const GITHUB_COMMENT_LIMIT = 65_536;
const COMMENT_BUDGET = GITHUB_COMMENT_LIMIT - 1_024;

export const formatMarkdown: TextFormatter = (result) => {
  const { summary } = result.report;
  const { failOn, blocked } = summary;
  const verdict = failOn === 'NONE' ? 'gate off' : blocked ? `❌ **Blocked** (fail-on ${failOn})` : `✅ **Passed** (fail-on ${failOn})`;
  const out: string[] = [
    '## Toolgate report',
    '',
    `${verdict} · ${summary.tools} tools · ${summary.conflicts} conflicts · ${result.report.toolFindings.length} tool findings · ${summary.durationMs} ms`,
    '',
    '| Severity | Conflicts | Tool findings |',
    '|---|---:|---:|',
  ];
  for (const severity of SEVERITIES) {
    const tools = result.report.toolFindings.filter((f) => f.severity === severity).length;
    out.push(`| ${severity} | ${summary.bySeverity[severity] ?? 0} | ${tools} |`);
  }
  out.push('');
  if (result.inputErrors.length > 0) {
    out.push(`### Input errors (${result.inputErrors.length})`, '');
    for (const e of result.inputErrors) out.push(`- ${code(describeInputError(e))}`);
    out.push('');
  }
  // Tool findings first: they are few, and a poisoned tool must not be cut by the size budget.
  if (result.report.toolFindings.length > 0) {
    out.push('### Tool findings', '');
    for (const f of result.report.toolFindings) out.push(...toolFindingItem(f));
    out.push('');
  }
  const conflicts = orderedConflicts(result.report.conflicts);
  let size = out.join('\n').length;
  for (const [index, conflict] of conflicts.entries()) {
    const section = conflictSection(conflict);
    const length = section.join('\n').length + 1;
    if (size + length > COMMENT_BUDGET) {
      out.push(`_… ${conflicts.length - index} more conflicts not shown (a PR comment holds ${GITHUB_COMMENT_LIMIT} characters); run \`toolgate check --format json\` for all of them._`, '');
      break;
    }
    out.push(...section);
    size += length;
  }
  return `${out.join('\n')}\n`;
};

function conflictSection(conflict: Conflict): string[] {
  const lines = [`### ${conflict.severity}: ${code(refKey(conflict.a))} ↔ ${code(refKey(conflict.b))} (score ${score(conflict.score)})`, ''];
  for (const f of [...conflict.findings].sort((x, y) => y.score - x.score)) {
    lines.push(`- **${f.stage}/${f.type}** ${score(f.score)}: ${code(evidenceLine(f.evidence, 160))}`);
  }
  for (const r of conflict.recommendations) lines.push(`- 💡 ${code(recommendationText(r))}`);
  lines.push('', '<details><summary>Details</summary>', '', fenced(JSON.stringify({ findings: conflict.findings, recommendations: conflict.recommendations }, null, 2), 'json'), '', '</details>', '');
  return lines;
}

function toolFindingItem(f: ToolFinding): string[] {
  return [`- **${f.severity}** ${code(`${f.server}/${f.tool}`)} ${f.type}: ${code(evidenceLine(f.evidence, 160))}`];
}

/** An inline code span that survives backticks in the text (CommonMark: a longer fence). */
export function code(text: string): string {
  const value = clean(text);
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** A fenced block longer than any backtick run inside, so registry text cannot close it early. */
export function fenced(text: string, lang: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}
