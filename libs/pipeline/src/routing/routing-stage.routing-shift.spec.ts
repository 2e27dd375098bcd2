import { makeTool } from '../model';
import { realTool } from '../semantic/registry.fixtures';
import { LocalRouter } from './local-router';
import { routingShift } from './routing-stage';

const options = { router: new LocalRouter(), trials: 1, probesPerTool: 6 };

describe('routingShift', () => {
  const neighbours = [
    realTool('livemcp-filesystem/read_file'),
    realTool('livemcp-filesystem/write_file'),
    realTool('livemcp-filesystem/list_directory'),
    realTool('livemcp-git/git_status'),
  ];

  it('shows the existing tool losing probes to a near-duplicate candidate', async () => {
    const candidate = realTool('livemcp-desktop-commander/read_file');
    const shift = await routingShift(candidate, neighbours, options);
    expect(shift[0].tool).toEqual({ server: 'livemcp-filesystem', tool: 'read_file' });
    expect(shift[0].lost).toBeGreaterThan(0);
    expect(shift[0].lost).toBeLessThanOrEqual(shift[0].of);
    expect(shift[0].probes).toHaveLength(shift[0].lost);
  });

  it('shows no loss when the candidate does something else', async () => {
    const candidate = makeTool('weather', {
      name: 'get_forecast',
      description: 'Get the weather forecast for a city for the next days.',
      inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
    });
    expect(await routingShift(candidate, neighbours, options)).toEqual([]);
  });
});
