import * as path from 'node:path';
import { makeTool, type Tool } from '../model/tool';
import { LocalEmbedder } from '../semantic';
import { loadToolDir, realRegistryTools, SHARED_DATA_DIR } from '../semantic/registry.fixtures';
import type { AnalysisReport } from './analysis-report';
import { analyze } from './analyze';
import { checkCandidates } from './check-candidates';
import { ToolIndex } from './tool-index';

/** The report without timings (the only part allowed to differ). */
function comparable(report: AnalysisReport) {
  const { durationMs: _d, stages, ...summary } = report.summary;
  return { summary: { ...summary, stages: stages.map((s) => ({ stage: s.stage, skipped: s.skipped })) }, conflicts: report.conflicts, toolFindings: report.toolFindings };
}

/** Every 37th real tool copied to a new server ("mirror"): exact cross-server name collisions and copied descriptions. */
function mirrored(tools: readonly Tool[], every: number, server: string): Tool[] {
  return tools.filter((_, i) => i % every === 0).map((t) => makeTool(server, t.definition));
}

describe('checkCandidates: a candidate check against a pre-built index equals analyze({ registry, candidates })', () => {
  const registry = realRegistryTools();
  const embedder = new LocalEmbedder();
  let index: ToolIndex;

  beforeAll(async () => {
    index = new ToolIndex(embedder);
    await index.upsert(registry);
  });

  const attackTools = () => loadToolDir(path.join(SHARED_DATA_DIR, 'attacks', 'registry'));
  const scenarios: [string, () => Tool[]][] = [
    ['mirrored real tools on a new server (collisions with the registry)', () => mirrored(registry, 37, 'mirror')],
    [
      'new versions of registry tools (same server + name: replace, never collide with the old version)',
      () =>
        registry
          .filter((_, i) => i % 53 === 1)
          .map((t) => makeTool(t.server, { ...t.definition, description: `${t.definition.description ?? ''} Also works offline.` })),
    ],
    [
      'candidates that collide with each other as well as with the registry',
      () => [...mirrored(registry, 41, 'mirror-a'), ...mirrored(registry, 41, 'mirror-b'), ...mirrored(registry, 83, 'mirror-a').slice(0, 2)],
    ],
    ['the attack registry (poisoned and shadowing tools)', () => attackTools().slice(0, 40)],
  ];

  it.each(scenarios)('%s', async (_name, build) => {
    const candidates = build();
    expect(candidates.length).toBeGreaterThan(0);
    const options = { embedder, failOn: 'HIGH' as const };
    const expected = await analyze({ registry, candidates }, options);
    const before = index.size;
    const actual = await checkCandidates({ index, candidates }, options);
    // With the cache's per-server lookup instead of a pass over the index (what the API does).
    const byServer = new Map<string, Tool[]>();
    for (const t of registry) byServer.set(t.server, [...(byServer.get(t.server) ?? []), t]);
    const viaServers = await checkCandidates({ index, candidates, serverTools: (server) => byServer.get(server) ?? [] }, options);

    expect(comparable(actual)).toEqual(comparable(expected));
    expect(comparable(viaServers)).toEqual(comparable(expected));
    // The shared index is untouched: the next check starts from the same registry.
    expect(index.size).toBe(before);
    expect(candidates.every((c) => index.get(c.key)?.tool !== c)).toBe(true);
    // And the scenario exercises something: conflicts were found.
    expect(expected.conflicts.length).toBeGreaterThan(0);
  });

  it('runs concurrent checks on the same index without interference', async () => {
    const sets = [mirrored(registry, 37, 'm1'), mirrored(registry, 43, 'm2'), mirrored(registry, 47, 'm3')];
    const alone = await Promise.all(sets.map(async (candidates) => comparable(await analyze({ registry, candidates }, { embedder }))));
    const together = await Promise.all(sets.map(async (candidates) => comparable(await checkCandidates({ index, candidates }, { embedder }))));
    expect(together).toEqual(alone);
  });
});
