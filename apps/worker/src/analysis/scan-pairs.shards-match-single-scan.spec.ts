import { LocalEmbedder, makeTool, type StageName, ToolIndex } from '@toolgate/pipeline';
import { mergeScans, scanPairs } from './scan-pairs';

const stages = new Set<StageName>(['lexical', 'schema', 'semantic']);
const schema = (...names: string[]) => ({ type: 'object', properties: Object.fromEntries(names.map((n) => [n, { type: 'string' }])) });

// Look-alikes across servers (collisions, near names, paraphrased descriptions) and unrelated tools.
const TOOLS: Array<[string, string, string, string[]]> = [
  ['jira', 'create_task', 'Create a new task in a Jira project.', ['project', 'summary']],
  ['asana', 'create_task', 'Create a task in an Asana workspace.', ['workspace', 'name']],
  ['linear', 'createTask', 'Create an issue in a Linear team.', ['team', 'title']],
  ['todo', 'add_task', 'Add a task to the to-do list.', ['title']],
  ['weather', 'get_forecast', 'Get the weather forecast for a city.', ['city']],
  ['meteo', 'get_weather_forecast', 'Weather forecast for a city for the coming days.', ['city']],
  ['meteo', 'get_air_quality', 'Air quality index measured at a station.', ['station']],
  ['mail', 'send_email', 'Send an e-mail message to a recipient.', ['to', 'body']],
  ['gmail', 'send_mail', 'Send an email to someone.', ['to', 'body']],
  ['files', 'read_file', 'Read a file from disk.', ['path']],
  ['fs', 'read_file', 'Read the contents of a file.', ['path']],
  ['calendar', 'list_events', 'List calendar events in a date range.', ['from', 'to']],
];

describe('re-scan: shards together find exactly what one scan finds', () => {
  let index: ToolIndex;
  beforeAll(async () => {
    index = new ToolIndex(new LocalEmbedder());
    await index.upsert(TOOLS.map(([server, name, description, params]) => makeTool(server, { name, description, inputSchema: schema(...params) })));
  });

  it.each([2, 3, 5, 12])('%i shards: same conflicts with the same severities and scores, every tool scanned once', (count) => {
    const single = scanPairs(index, stages);
    const shards = Array.from({ length: count }, (_, i) => scanPairs(index, stages, { index: i, count }));
    const merged = mergeScans(shards);

    expect(single.conflicts.length).toBeGreaterThanOrEqual(3);
    expect(merged.conflicts.map((c) => c.key).sort()).toEqual(single.conflicts.map((c) => c.key).sort());
    // A pair retrieved from both sides in two shards is evaluated twice: never fewer evaluations than pairs.
    expect(merged.pairCount).toBeGreaterThanOrEqual(single.pairCount);
    expect(merged.pairCount).toBeLessThanOrEqual(2 * single.pairCount);
    expect([...merged.subjects].sort()).toEqual([...single.subjects].sort());
    const bySeverity = (scan: typeof single) => Object.fromEntries(scan.conflicts.map((c) => [c.key, [c.severity, c.score]]));
    expect(bySeverity(merged)).toEqual(bySeverity(single));
  });
});
