import { runCli } from './__fixtures__/memory-io';

describe('toolgate route', () => {
  it('picks the calendar tool for a meeting request, in the JSON contract', async () => {
    const result = await runCli(['route', '--query', 'schedule a meeting with Bob tomorrow at 10', 'registry', '--format', 'json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.query).toBe('schedule a meeting with Bob tomorrow at 10');
    // calendar.json names no server: the file name is the server.
    expect(doc.choice).toEqual({ server: 'calendar', tool: 'create_event' });
    expect(doc.ranking[0]).toEqual({ server: 'calendar', tool: 'create_event', score: expect.any(Number) });
  });

  it('shows the ranking as a table by default', async () => {
    const result = await runCli(['route', '--query', 'will it rain in Paris this week?', 'registry']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Choice: weather\/get_forecast/);
    expect(result.stdout).toMatch(/1 {2}weather\/get_forecast/);
  });
});
