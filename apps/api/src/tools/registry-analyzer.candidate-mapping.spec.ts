import { pendingToolId, type ToolRecord } from '@toolgate/db';
import { makeTool } from '@toolgate/pipeline';
import { RegistryAnalyzer } from './registry-analyzer';

function stored(id: string, serverName: string, name: string, description: string): ToolRecord {
  const definition = { name, description, inputSchema: { type: 'object', properties: { title: { type: 'string' } } } };
  const now = new Date(0);
  return {
    id,
    environmentId: 'env',
    serverId: `server-${serverName}`,
    serverName,
    name,
    status: 'ACTIVE',
    currentVersion: { id: `${id}-v1`, toolId: id, version: 1, contentHash: 'h', definition, findings: [], createdAt: now },
    approvedVersionId: `${id}-v1`,
    deletedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

describe('RegistryAnalyzer.analyzeCandidates', () => {
  const analyzer = new RegistryAnalyzer();
  const registry = [stored('jira-id', 'jira', 'create_task', 'Create a new task (issue) in a Jira project.')];
  const candidate = makeTool('salesforce', { name: 'createTask', description: 'Create a task activity on a Salesforce record.', inputSchema: { type: 'object' } });
  const policy = { stages: ['lexical', 'schema', 'semantic'] as const, failOn: 'HIGH' as const };

  it('names a new candidate by its placeholder and a registry tool by its id, and blocks the candidate', async () => {
    const analysis = await analyzer.analyzeCandidates(registry, [candidate], { ...policy, stages: [...policy.stages] });
    expect(analysis.conflicts).toHaveLength(1);
    expect([...analysis.conflicts[0]!.toolIds].sort()).toEqual(['jira-id', pendingToolId('createTask')].sort());
    expect(analysis.conflicts[0]!.severity).toBe('CRITICAL');
    expect([...analysis.blockedKeys]).toEqual(['salesforce/createTask']);
    expect(analysis.run).toMatchObject({ stages: ['LEXICAL', 'SCHEMA', 'SEMANTIC'], toolCount: 2 });
    for (const r of analysis.conflicts[0]!.recommendations) expect(['jira-id', pendingToolId('createTask')]).toContain(r.targetToolId);
  });

  it('does not block when the policy threshold is above the conflict, and keeps ids when re-analysing registered tools', async () => {
    const registered = [...registry, stored('sf-id', 'salesforce', 'createTask', 'Create a task activity on a Salesforce record.')];
    const analysis = await analyzer.analyzeCandidates(registered, [candidate], { stages: ['lexical'], failOn: 'NONE' }, { registered: true });
    expect(analysis.blockedKeys.size).toBe(0);
    expect([...analysis.conflicts[0]!.toolIds].sort()).toEqual(['jira-id', 'sf-id']);
  });
});
