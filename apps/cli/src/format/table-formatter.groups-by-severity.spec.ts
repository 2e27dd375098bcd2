import { sampleResult, plainOptions } from '../__fixtures__/check-result.fixture';
import { formatTable } from './table.formatter';

describe('table formatter', () => {
  const text = formatTable(sampleResult(), plainOptions);

  it('groups conflicts under severity headings, most severe first', () => {
    expect(text.indexOf('HIGH (1)')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('HIGH (1)')).toBeLessThan(text.indexOf('MEDIUM (1)'));
    expect(text).toContain('github/create_issue ↔ jira/create_issue  score 0.91');
  });

  it('shows each finding with its evidence on one line, and the top recommendation', () => {
    expect(text).toMatch(/lexical\/exact-name 0\.95 {2}name: "create_issue"; tokens: \["create", "issue"\]/);
    expect(text).toContain('fix rename create_issue → jira_create_issue');
    expect(text).toContain('(score 0.91 → 0.31)');
  });

  it('marks candidate tools and lists tool findings in their own section', () => {
    expect(text).toContain('evil/add (candidate)');
    expect(text).toMatch(/Tool findings \(1\)\n {2}CRITICAL +evil\/add {2}hidden-instructions/);
  });

  it('ends with a summary line carrying the verdict', () => {
    const last = text.trimEnd().split('\n').pop();
    expect(last).toBe('4 tools · 2 conflicts (1 high, 1 medium) · 12 ms · BLOCKED (fail-on HIGH)');
  });

  it('never lets registry text drive the terminal', () => {
    // The tool finding's evidence carries ESC[2J (clear screen).
    expect(text).not.toContain('\u001b');
  });

  it('says when the gate is off', () => {
    const off = sampleResult();
    off.report = { ...off.report, summary: { ...off.report.summary, failOn: 'NONE', blocked: false } };
    expect(formatTable(off, plainOptions).trimEnd().split('\n').pop()).toMatch(/· gate off \(--fail-on none\)$/);
  });

  it('colours only when asked to', () => {
    expect(formatTable(sampleResult(), { ...plainOptions, color: true })).toContain('\u001b[');
  });

  it('lists every conflict from MEDIUM up, but only the first ten LOW ones', () => {
    const many = sampleResult();
    const base = many.report.conflicts[0];
    const low = Array.from({ length: 13 }, (_, i) => ({ ...base, key: `low|${i}`, a: { server: 'low', tool: `t${i}` }, severity: 'LOW' as const, score: 0.2 }));
    const medium = Array.from({ length: 13 }, (_, i) => ({ ...base, key: `med|${i}`, a: { server: 'med', tool: `t${i}` }, severity: 'MEDIUM' as const, score: 0.5 }));
    many.report = { ...many.report, conflicts: [...low, ...medium] };
    const out = formatTable(many, plainOptions);
    expect(out.match(/● low\//g)).toHaveLength(10);
    expect(out).toContain('… 3 more LOW conflicts (all of them are in --format json)');
    expect(out.match(/● med\//g)).toHaveLength(13);
  });

  it('says so when there is nothing to report', () => {
    const empty = sampleResult();
    const bySeverity = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFO: 0 };
    empty.report = { ...empty.report, conflicts: [], toolFindings: [], summary: { ...empty.report.summary, conflicts: 0, bySeverity, blocked: false } };
    const out = formatTable(empty, plainOptions);
    expect(out).toContain('No conflicts or tool findings.');
    expect(out).toContain('passed (fail-on HIGH)');
  });
});
