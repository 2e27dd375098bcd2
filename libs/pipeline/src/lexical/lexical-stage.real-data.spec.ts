/**
 * The lexical stage on real data in shared/data (never copied into the repo): MCPSecBench's squatting
 * attacks against their benign twins, and 644 benign real tools for false positives and retrieval recall.
 */
import * as path from 'node:path';
import { loadToolDir, SHARED_DATA_DIR } from '../semantic/registry.fixtures';
import type { Finding } from '../model';
import { LexicalIndex } from './lexical-index';
import { lexicalFindings } from './lexical-findings';
import type { LexicalTool } from './lexical-tool';
import { nameFeatures } from './name-features';

const DATA = SHARED_DATA_DIR;

function loadDir(dir: string): LexicalTool[] {
  return loadToolDir(dir).map((tool) => ({ tool, name: nameFeatures(tool.definition.name) }));
}

describe('lexical stage on real data', () => {
  const registry = loadDir(path.join(DATA, 'registry'));
  const attacks = loadDir(path.join(DATA, 'attacks/registry'));
  const all = [...registry, ...attacks];
  const byKey = new Map(all.map((t) => [t.tool.key, t]));
  const pair = (a: string, b: string): Finding[] => lexicalFindings(byKey.get(a)!, byKey.get(b)!);

  it.each([
    ['attack-3/check', 'mcpsecbench-check-sig/check', 'server name squatting'],
    ['attack-4/compute_', 'mcpsecbench-check-sig/compute', 'tool name squatting (trailing underscore)'],
    ['attack-10/add', 'mcpsecbench-compute/add', 'poisoned add'],
    ['attack-11/sub', 'mcpsecbench-compute/sub', 'parameterless sub'],
  ])('%s collides with %s (%s): CRITICAL', (a, b) => {
    expect(pair(a, b)[0]).toMatchObject({ type: 'exact-name-collision', severity: 'CRITICAL' });
  });

  it('reports no typo-like near name among the 644 benign real tools (star/unstar, search_code/search_nodes are words)', () => {
    const index = new LexicalIndex();
    for (const t of registry) index.add(t.tool.key, t.name);
    const near = registry.flatMap((t) =>
      index.candidates(t.name, t.tool.key).flatMap((k) => lexicalFindings(t, byKey.get(k)!).filter((f) => f.type === 'near-name')),
    );
    expect(near).toEqual([]);
  });

  it('retrieves every pair that has any lexical finding (brute force over 660 real tools)', () => {
    const index = new LexicalIndex();
    for (const t of all) index.add(t.tool.key, t.name);
    const retrieved = new Set(all.flatMap((t) => index.candidates(t.name, t.tool.key).map((k) => [t.tool.key, k].sort().join('|'))));
    let withFindings = 0;
    const missed: string[] = [];
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        if (lexicalFindings(all[i], all[j]).length === 0) continue;
        withFindings++;
        const key = [all[i].tool.key, all[j].tool.key].sort().join('|');
        if (!retrieved.has(key)) missed.push(key);
      }
    }
    expect(missed).toEqual([]);
    expect(withFindings).toBeGreaterThan(250);
  });
});
