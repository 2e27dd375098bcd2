import { makeTool } from '../model';
import { generateProbes } from './probe-generator';

const createIssue = makeTool('github', {
  name: 'create_issue',
  description: 'Creates a new issue in a GitHub repository. Requires push access.',
  inputSchema: { type: 'object', properties: { owner: { type: 'string' }, repo: { type: 'string' }, title: { type: 'string' } } },
});

describe('generateProbes', () => {
  it('writes natural requests from the description, the name and the parameters', () => {
    const probes = generateProbes(createIssue, 6);
    expect(probes[0]).toBe('Create a new issue in a GitHub repository');
    expect(probes).toContain('Can you create the issue for me?');
    expect(probes.some((p) => p.includes('owner and repo'))).toBe(true);
    expect(new Set(probes.map((p) => p.toLowerCase())).size).toBe(probes.length);
  });

  it('is deterministic and honours the count', () => {
    expect(generateProbes(createIssue, 3)).toEqual(generateProbes(createIssue, 3));
    expect(generateProbes(createIssue, 3)).toHaveLength(3);
    expect(generateProbes(createIssue)).toHaveLength(4);
  });

  it('still produces probes for a tool with no description or parameters', () => {
    const bare = makeTool('x', { name: 'getWeather', description: '', inputSchema: { type: 'object' } });
    const probes = generateProbes(bare, 2);
    expect(probes).toHaveLength(2);
    expect(probes[0].toLowerCase()).toContain('weather');
  });
});
