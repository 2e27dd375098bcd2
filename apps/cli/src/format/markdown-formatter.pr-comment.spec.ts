import { sampleResult, plainOptions } from '../__fixtures__/check-result.fixture';
import { code, fenced, formatMarkdown } from './markdown.formatter';

describe('markdown formatter: a PR comment', () => {
  const text = formatMarkdown(sampleResult(), plainOptions);

  it('opens with the verdict and a severity table', () => {
    expect(text).toContain('❌ **Blocked** (fail-on HIGH) · 4 tools · 2 conflicts · 1 tool findings');
    expect(text).toContain('| HIGH | 1 | 0 |');
    expect(text).toContain('| CRITICAL | 0 | 1 |');
  });

  it('has one section per conflict, most severe first, each with a details block', () => {
    const high = text.indexOf('### HIGH: `github/create_issue` ↔ `jira/create_issue` (score 0.91)');
    const medium = text.indexOf('### MEDIUM: `files/read_file` ↔ `evil/add`');
    expect(high).toBeGreaterThan(0);
    expect(medium).toBeGreaterThan(high);
    expect(text.split('<details><summary>Details</summary>').length - 1).toBe(2);
    expect(text).toContain('"jira_create_issue"');
  });

  it('keeps registry text inside code so it cannot inject markup', () => {
    expect(text).toContain('<IMPORTANT>');
    const outsideCode = text.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, '').replace(/(`+)[\s\S]*?\1/g, '');
    expect(outsideCode).not.toContain('<IMPORTANT>');
    // The routing probe contains a backtick: the span must use a longer fence.
    expect(code('open a `ticket`')).toBe('`` open a `ticket` ``');
    expect(fenced('```\nx', 'json')).toBe('````json\n```\nx\n````');
  });

  it('stays under the GitHub comment limit on a large report, keeping tool findings', () => {
    const big = sampleResult();
    const [high] = big.report.conflicts;
    big.report = { ...big.report, conflicts: Array.from({ length: 400 }, (_, i) => ({ ...high, key: `k${i}`, a: { server: 's', tool: `t${i}` } })) };
    const out = formatMarkdown(big, plainOptions);
    expect(out.length).toBeLessThanOrEqual(65_536);
    expect(out).toMatch(/_… \d+ more conflicts not shown/);
    expect(out).toContain('### Tool findings');
    expect(out).toContain('`s/t0`');
  });

  it('lists input errors with file, tool and pointer', () => {
    const out = formatMarkdown(sampleResult({ inputErrors: [{ file: 'a.json', tool: 'x', pointer: '/tools/1', message: 'bad' }] }), plainOptions);
    expect(out).toContain('### Input errors (1)');
    expect(out).toContain('- `a.json tool "x" at /tools/1: bad`');
  });
});
