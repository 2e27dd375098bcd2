import { analyze } from './analyze';
import { email, githubIssue, jiraCreateTask, salesforceCreateTask, tool, weather } from './analysis.fixtures';

describe('analyze: a candidate checked against a registry (the CI case)', () => {
  it('reports only pairs that involve the candidate', async () => {
    const registry = [jiraCreateTask, salesforceCreateTask, weather, email];
    const candidate = tool('tracker', 'add_issue', 'Add a new issue to a GitHub repository.', { owner: { type: 'string' }, repo: { type: 'string' }, title: { type: 'string' } });
    const report = await analyze({ registry: [...registry, githubIssue], candidates: [candidate] });

    expect(report.summary.checked).toBe(1);
    expect(report.conflicts.length).toBeGreaterThan(0);
    for (const c of report.conflicts) {
      expect([c.a.tool, c.b.tool]).toContain('add_issue');
    }
    expect(report.conflicts.some((c) => c.a.tool === 'create_task' && c.b.tool === 'createTask')).toBe(false);
  });

  it('treats a candidate with an existing key as a new version, not a collision with itself', async () => {
    const changed = tool('weather', 'get_forecast', 'Get the hourly weather forecast for a city.', { city: { type: 'string' } });
    const report = await analyze({ registry: [weather, email], candidates: [changed] });
    expect(report.summary.tools).toBe(2);
    expect(report.conflicts).toEqual([]);
  });

  it('only patches the candidate in recommendations', async () => {
    const candidate = tool('salesforce', 'create_task', 'Create a task on a Salesforce record.');
    const report = await analyze({ registry: [jiraCreateTask], candidates: [candidate] });
    const recommendations = report.conflicts.flatMap((c) => c.recommendations);
    expect(recommendations.length).toBeGreaterThan(0);
    for (const r of recommendations) expect(r.target).toEqual({ server: 'salesforce', tool: 'create_task' });
  });
});
