import { sampleResult, plainOptions } from '../__fixtures__/check-result.fixture';
import { formatJson, toJsonDocument } from './json.formatter';
import { renderToString } from './check-result';

describe('json formatter: the contract other tools parse', () => {
  it('has the documented summary, conflict, finding and tool-finding fields', () => {
    const doc = JSON.parse(renderToString(formatJson(sampleResult(), plainOptions)));
    expect(doc.summary).toMatchObject({ tools: 4, conflicts: 2, blocked: true, durationMs: 12, bySeverity: { HIGH: 1, MEDIUM: 1 } });
    const [first] = doc.conflicts;
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['severity', 'a', 'b', 'score', 'findings', 'recommendations']));
    expect(first.a).toEqual({ server: 'github', tool: 'create_issue' });
    expect(first.findings[0]).toEqual(
      expect.objectContaining({ stage: 'lexical', type: 'exact-name', score: 0.95, evidence: { name: 'create_issue', tokens: ['create', 'issue'] } }),
    );
    expect(first.recommendations[0].patch.after).toEqual({ name: 'jira_create_issue' });
    expect(doc.toolFindings).toEqual([
      { server: 'evil', tool: 'add', type: 'hidden-instructions', severity: 'CRITICAL', evidence: { cue: expect.stringContaining('IMPORTANT') } },
    ]);
  });

  it('orders conflicts most severe first whatever order the pipeline returned', () => {
    const doc = JSON.parse(renderToString(formatJson(sampleResult(), plainOptions)));
    expect(doc.conflicts.map((c: { severity: string }) => c.severity)).toEqual(['HIGH', 'MEDIUM']);
  });

  it('passes the pipeline summary through, fields it adds later included', () => {
    const result = sampleResult();
    const summary = { ...result.report.summary, checked: 1, futureField: 'kept' };
    const doc = JSON.parse(renderToString(formatJson({ ...result, report: { ...result.report, summary } }, plainOptions)));
    expect(doc.summary).toMatchObject({ checked: 1, futureField: 'kept', failOn: 'HIGH', stages: [{ stage: 'pairs', ms: 3, items: 6 }] });
  });

  it('always carries an inputErrors array, with file, tool and pointer', () => {
    expect(JSON.parse(renderToString(formatJson(sampleResult(), plainOptions))).inputErrors).toEqual([]);
    const error = { file: 'a.json', tool: 'x', pointer: '/tools/1/name', message: 'must be a non-empty string' };
    const doc = JSON.parse(renderToString(formatJson(sampleResult({ inputErrors: [error] }), plainOptions)));
    expect(doc.inputErrors).toEqual([error]);
    expect(doc.summary.inputErrors).toBe(1);
  });
});

describe('json formatter: large reports', () => {
  it('streams in chunks that join into the same document as toJsonDocument', () => {
    const base = sampleResult();
    const many = Array.from({ length: 600 }, (_, i) => ({ ...base.report.conflicts[0], key: `k${String(i).padStart(4, '0')}` }));
    const result = { ...base, report: { ...base.report, conflicts: many } };
    const chunks = [...(formatJson(result, plainOptions) as Iterable<string>)];
    expect(chunks.length).toBeGreaterThan(3);
    expect(JSON.parse(chunks.join(''))).toEqual(JSON.parse(JSON.stringify(toJsonDocument(result))));
  });
});
