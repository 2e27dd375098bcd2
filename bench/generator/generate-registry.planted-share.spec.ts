import { generateRegistry } from './generate-registry';
import { PLANT_KINDS } from './planting';

describe('generateRegistry: planted pairs', () => {
  const registry = generateRegistry({ tools: 4000, seed: 11, plantedShare: 0.05 });
  const byServer = new Map(registry.servers.map((s) => [s.server, new Map(s.tools.map((t) => [t.name, t]))]));

  it('plants round(tools × share) pairs, every kind equally often', () => {
    expect(registry.planted).toHaveLength(200);
    for (const kind of PLANT_KINDS) expect(registry.planted.filter((p) => p.kind === kind)).toHaveLength(40);
  });

  it('references tools that exist, on two different servers', () => {
    for (const { a, b } of registry.planted) {
      expect(byServer.get(a.server)?.has(a.tool)).toBe(true);
      expect(byServer.get(b.server)?.has(b.tool)).toBe(true);
      expect(a.server).not.toBe(b.server);
    }
  });

  it('makes each kind the confusion it claims', () => {
    const words = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase().split(/[_-]/);
    for (const { kind, a, b } of registry.planted) {
      if (kind === 'exact') expect(b.tool).toBe(a.tool);
      if (kind === 'case') {
        expect(b.tool).not.toBe(a.tool);
        expect(words(b.tool)).toEqual(words(a.tool));
      }
      if (kind === 'typo') expect(Math.abs(b.tool.length - a.tool.length)).toBeLessThanOrEqual(1);
      if (kind === 'verb-synonym') {
        // Vendor-prefixed servers (`acme_create_invoice`): the twin on another server drops the prefix.
        const vendor = a.server.split('-')[0];
        const aWords = words(a.tool)[0] === vendor ? words(a.tool).slice(1) : words(a.tool);
        expect(words(b.tool)[0]).not.toBe(aWords[0]);
        expect(words(b.tool).slice(1)).toEqual(aWords.slice(1));
      }
      // Twins keep the base tool's parameters (paraphrases rename the id after the synonym noun).
      const schemaA = byServer.get(a.server)!.get(a.tool)!.inputSchema;
      const schemaB = byServer.get(b.server)!.get(b.tool)!.inputSchema;
      if (kind !== 'paraphrase') expect(schemaB).toEqual(schemaA);
    }
  });

  it('keeps unplanted names distinct, so a large registry is not mass duplicates', () => {
    const big = generateRegistry({ tools: 50000, seed: 3, plantedShare: 0.02 });
    const counts = new Map<string, number>();
    for (const s of big.servers) for (const t of s.tools) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
    const duplicated = [...counts.values()].filter((c) => c > 1).length;
    const exactPlants = big.planted.filter((p) => p.kind === 'exact').length;
    expect(duplicated).toBe(exactPlants);
    const descriptions = new Set(big.servers.flatMap((s) => s.tools.map((t) => t.description)));
    expect(descriptions.size / 50000).toBeGreaterThan(0.9);
  });

  it('plants nothing when the share is zero', () => {
    expect(generateRegistry({ tools: 500, seed: 5, plantedShare: 0 }).planted).toHaveLength(0);
  });
});
