import { LocalEmbedder, makeTool, ToolIndex } from '@toolgate/pipeline';
import { decideStatuses, scanPairs, type ScannedTool } from './scan-pairs';

const schema = { type: 'object', properties: { title: { type: 'string' } } };

async function indexOf(tools: Array<[string, string, string]>): Promise<ToolIndex> {
  const index = new ToolIndex(new LocalEmbedder());
  await index.upsert(tools.map(([server, name, description]) => makeTool(server, { name, description, inputSchema: schema })));
  return index;
}

describe('re-scan: pairs and statuses', () => {
  it('finds a cross-server name collision once per pair, with its strongest finding first', async () => {
    const index = await indexOf([
      ['jira', 'create_task', 'Create a Jira task.'],
      ['asana', 'create_task', 'Create an Asana task.'],
      ['weather', 'get_forecast', 'Weather forecast for a city.'],
    ]);
    const scan = scanPairs(index, new Set(['lexical', 'schema', 'semantic']));
    const collision = scan.conflicts.filter((c) => c.key === 'asana/create_task|jira/create_task');
    expect(collision).toHaveLength(1);
    expect(collision[0]!.severity).toBe('CRITICAL');
    expect(collision[0]!.findings[0]!.score).toBe(collision[0]!.score);
    expect(scan.pairCount).toBeGreaterThanOrEqual(1);
  });

  it('blocks waiting tools behind a blocking conflict or finding (kept with the status), activates the rest, and leaves ACTIVE tools alone', () => {
    const tools: ScannedTool[] = [
      { id: '1', key: 'jira/create_task', versionId: 'v1', status: 'ACTIVE' },
      { id: '2', key: 'asana/create_task', versionId: 'v2', status: 'BLOCKED' },
      { id: '3', key: 'weather/get_forecast', versionId: 'v3', status: 'BLOCKED' },
      { id: '4', key: 'notes/sync', versionId: 'v4', status: 'PENDING_ANALYSIS' },
    ];
    const conflict = { key: 'k', a: { server: 'asana', tool: 'create_task' }, b: { server: 'jira', tool: 'create_task' }, severity: 'CRITICAL' as const, score: 1, findings: [], recommendations: [] };
    const poisoned = { server: 'notes', tool: 'sync', type: 'hidden-content', severity: 'HIGH' as const, evidence: {} };

    expect(decideStatuses(tools, { conflicts: [conflict], toolFindings: [poisoned] }, 'HIGH')).toEqual([
      { toolId: '2', versionId: 'v2', status: 'BLOCKED', findings: [] },
      { toolId: '3', versionId: 'v3', status: 'ACTIVE', findings: [] },
      // Blocked by its own finding, which the run stores on the version.
      { toolId: '4', versionId: 'v4', status: 'BLOCKED', findings: [poisoned] },
    ]);
    // failOn NONE blocks nothing; a threshold above the findings blocks nothing either.
    expect(decideStatuses(tools, { conflicts: [conflict], toolFindings: [poisoned] }, 'NONE').map((s) => s.status)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);
    expect(decideStatuses(tools, { conflicts: [], toolFindings: [poisoned] }, 'CRITICAL').map((s) => s.status)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);
  });
});
