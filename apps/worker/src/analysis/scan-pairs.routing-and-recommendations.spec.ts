import { finishFlaggedPairs, isAtLeast, LocalEmbedder, makeTool, type StageName, ToolIndex } from '@toolgate/pipeline';
import { mergeScans, scanFlaggedPairs } from './scan-pairs';

const schema = (...names: string[]) => ({ type: 'object', properties: Object.fromEntries(names.map((n) => [n, { type: 'string' }])) });

// Look-alikes across servers (a name collision, near names, paraphrased descriptions) and unrelated tools.
const TOOLS: Array<[string, string, string, string[]]> = [
  ['jira', 'create_task', 'Create a new task in a Jira project.', ['project', 'summary']],
  ['asana', 'create_task', 'Create a task in an Asana workspace.', ['workspace', 'name']],
  ['todo', 'add_task', 'Add a task to the to-do list.', ['title']],
  ['weather', 'get_forecast', 'Get the weather forecast for a city.', ['city']],
  ['meteo', 'get_weather_forecast', 'Weather forecast for a city for the coming days.', ['city']],
  ['mail', 'send_email', 'Send an e-mail message to a recipient.', ['to', 'body']],
  ['gmail', 'send_mail', 'Send an email to someone.', ['to', 'body']],
  ['calendar', 'list_events', 'List calendar events in a date range.', ['from', 'to']],
];

async function index(): Promise<ToolIndex> {
  const idx = new ToolIndex(new LocalEmbedder());
  await idx.upsert(TOOLS.map(([server, name, description, props]) => makeTool(server, { name, description, inputSchema: schema(...props) })));
  return idx;
}

/** A re-scan's shard as the worker runs it: stages 1–3 on the cached index, then the pipeline's own finishing step. */
async function rescan(stages: StageName[], shard?: { index: number; count: number }) {
  const idx = await index();
  const stageSet = new Set(stages);
  const { pairs, ...flagged } = scanFlaggedPairs(idx, stageSet, shard);
  const finished = await finishFlaggedPairs(pairs, idx, [], { stageSet, failOn: 'HIGH' });
  return { ...flagged, conflicts: finished.conflicts, timings: finished.timings };
}

describe('re-scan: routing (stage 4) and recommendations on the flagged pairs', () => {
  it('routes the pairs at or above MEDIUM when the policy has routing, and only those', async () => {
    const scan = await rescan(['lexical', 'schema', 'semantic', 'routing']);
    const routed = scan.conflicts.filter((c) => c.findings.some((f) => f.stage === 'routing'));
    expect(routed.length).toBeGreaterThanOrEqual(1);
    expect(scan.timings.find((t) => t.stage === 'routing')).toMatchObject({ items: expect.any(Number) });
    expect(scan.timings.find((t) => t.stage === 'routing')!.items).toBeGreaterThanOrEqual(routed.length);
    const withoutRouting = await rescan(['lexical', 'schema', 'semantic']);
    expect(withoutRouting.conflicts.every((c) => c.findings.every((f) => f.stage !== 'routing'))).toBe(true);
    expect(withoutRouting.timings.find((t) => t.stage === 'routing')).toMatchObject({ items: 0, skipped: 'not selected' });
  });

  it('attaches verified recommendations to conflicts from the blocking severity, none below it', async () => {
    const scan = await rescan(['lexical', 'schema', 'semantic']);
    const collision = scan.conflicts.find((c) => c.key === 'asana/create_task|jira/create_task')!;
    expect(collision.severity).toBe('CRITICAL');
    expect(collision.recommendations.length).toBeGreaterThanOrEqual(1);
    for (const r of collision.recommendations) expect(r.verification.scoreAfter).toBeLessThan(r.verification.scoreBefore);
    for (const c of scan.conflicts.filter((x) => !isAtLeast(x.severity, 'HIGH'))) expect(c.recommendations).toEqual([]);
  });

  it('shards finish their pairs to the same conflicts, findings and recommendations as one scan', async () => {
    const stages: StageName[] = ['lexical', 'schema', 'semantic', 'routing'];
    const single = await rescan(stages);
    const shards = await Promise.all([0, 1, 2].map((i) => rescan(stages, { index: i, count: 3 })));
    const merged = mergeScans(shards);
    const view = (cs: typeof single.conflicts) => cs.map((c) => ({ key: c.key, severity: c.severity, findings: c.findings.map((f) => f.type).sort(), recommendations: c.recommendations.map((r) => r.rationale) })).sort((x, y) => (x.key < y.key ? -1 : 1));
    expect(view(merged.conflicts)).toEqual(view(single.conflicts));
  });
});
