import { analyze } from './analyze';
import { email, jiraCreateTask, salesforceCreateTask, tool, weather } from './analysis.fixtures';

describe('analyze: the same tool name on two servers', () => {
  it('reports a CRITICAL conflict, blocks, and skips the expensive stages for that pair', async () => {
    const report = await analyze({ registry: [jiraCreateTask, salesforceCreateTask, weather, email] });

    const conflict = report.conflicts.find((c) => c.a.tool === 'createTask' || c.b.tool === 'createTask');
    expect(conflict).toBeDefined();
    expect(conflict?.severity).toBe('CRITICAL');
    expect(conflict?.findings.map((f) => f.type)).toContain('exact-name-collision');
    expect(conflict?.findings.some((f) => f.stage === 'semantic' || f.stage === 'routing')).toBe(false);
    expect(report.summary.blocked).toBe(true);
    expect(report.summary.bySeverity.CRITICAL).toBe(1);
  });

  it('recommends a verified server-prefixed rename that lowers the pair score', async () => {
    const report = await analyze({ registry: [jiraCreateTask, salesforceCreateTask] });
    const [conflict] = report.conflicts;
    const rename = conflict.recommendations.find((r) => r.kind === 'rename');
    expect(rename).toBeDefined();
    expect(rename?.patch.after.name).toMatch(/^(jira_create_task|salesforceCreateTask)$/);
    expect(rename?.verification.scoreAfter).toBeLessThan(rename?.verification.scoreBefore ?? 0);
    for (const r of conflict.recommendations) expect(r.verification.scoreAfter).toBeLessThan(conflict.score);
  });

  it('does not block when the policy threshold is above the finding', async () => {
    const report = await analyze({ registry: [weather, email] }, { failOn: 'LOW' });
    expect(report.conflicts).toEqual([]);
    expect(report.summary.blocked).toBe(false);
  });
});

describe('analyze: two tools of one server whose names differ only by a synonym', () => {
  it('recommends a more specific name (a server prefix would change nothing) and verifies it', async () => {
    const list = tool('github', 'list_issues', 'List issues in a GitHub repository, filtered by state and labels.', { owner: { type: 'string' }, repo: { type: 'string' }, state: { type: 'string' } });
    const search = tool('github', 'search_issues', 'Search issues across GitHub with a query string.', { query: { type: 'string' } });
    const report = await analyze({ registry: [list, search] });
    const [conflict] = report.conflicts;
    expect(conflict.severity).toBe('HIGH');
    const rename = conflict.recommendations.find((r) => r.kind === 'rename');
    expect(rename?.patch.after.name).toMatch(/^(list_\w+_issues|search_\w+_issues)$/);
    expect(rename?.verification.scoreAfter).toBeLessThan(conflict.score);
  });
});
