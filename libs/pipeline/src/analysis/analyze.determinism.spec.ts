import { analyze } from './analyze';
import { email, githubIssue, gitlabIssue, jiraCreateTask, salesforceCreateTask, weather } from './analysis.fixtures';

describe('analyze: determinism', () => {
  it('gives the same conflicts for the same input, whatever the input order', async () => {
    const tools = [jiraCreateTask, salesforceCreateTask, weather, email, githubIssue, gitlabIssue];
    const first = await analyze({ registry: tools });
    const second = await analyze({ registry: [...tools].reverse() });
    expect(second.conflicts).toEqual(first.conflicts);
    expect(second.toolFindings).toEqual(first.toolFindings);
  });

  it('runs only the selected stages', async () => {
    const report = await analyze({ registry: [githubIssue, gitlabIssue] }, { stages: ['lexical'] });
    for (const c of report.conflicts) for (const f of c.findings) expect(f.stage).toBe('lexical');
    expect(report.summary.stages.find((s) => s.stage === 'routing')?.skipped).toBe('not selected');
  });
});
