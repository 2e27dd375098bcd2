import { generateRegistry } from './generate-registry';

describe('generateRegistry: determinism', () => {
  it('produces byte-identical registries for the same seed', () => {
    const a = generateRegistry({ tools: 1500, seed: 'bench' });
    const b = generateRegistry({ tools: 1500, seed: 'bench' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('produces a different registry for a different seed', () => {
    const a = generateRegistry({ tools: 1500, seed: 1 });
    const b = generateRegistry({ tools: 1500, seed: 2 });
    expect(JSON.stringify(a.servers)).not.toBe(JSON.stringify(b.servers));
  });

  it('returns exactly the number of tools asked for', () => {
    for (const tools of [1, 37, 2000]) {
      const registry = generateRegistry({ tools, seed: 7 });
      expect(registry.servers.reduce((n, s) => n + s.tools.length, 0)).toBe(tools);
    }
  });
});
