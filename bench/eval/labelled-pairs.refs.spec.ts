import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// Plain JSON reads (not the pipeline's parser) so this guard runs even while the pipeline changes:
// it fails when an example or shared file is renamed under the labels.
const REPO = path.resolve(__dirname, '..', '..');
const DIRS: Record<string, string> = {
  examples: path.join(REPO, 'examples'),
  registry: path.resolve(REPO, '..', 'shared', 'data', 'registry'),
  attacks: path.resolve(REPO, '..', 'shared', 'data', 'attacks', 'registry'),
};

function refsIn(source: string): Set<string> {
  const refs = new Set<string>();
  for (const file of readdirSync(DIRS[source]).filter((f) => f.endsWith('.json') && !f.startsWith('_'))) {
    const doc = JSON.parse(readFileSync(path.join(DIRS[source], file), 'utf8')) as { server: string; tools: { name: string }[] };
    for (const tool of doc.tools) refs.add(`${source}:${doc.server}/${tool.name}`);
  }
  return refs;
}

describe('labelled pairs', () => {
  const { pairs } = JSON.parse(readFileSync(path.join(__dirname, 'labelled-pairs.json'), 'utf8')) as {
    pairs: { a: string; b: string; expected: string; reason: string }[];
  };
  const known = new Set(Object.keys(DIRS).flatMap((s) => [...refsIn(s)]));

  it('refer only to tools that exist', () => {
    const missing = pairs.flatMap((p) => [p.a, p.b]).filter((ref) => !known.has(ref));
    expect(missing).toEqual([]);
  });

  it('are at least 80 distinct pairs, each level represented, each with a reason', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(80);
    const keys = new Set(pairs.map((p) => [p.a, p.b].sort().join('|')));
    expect(keys.size).toBe(pairs.length);
    for (const level of ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'NONE']) {
      expect(pairs.filter((p) => p.expected === level).length).toBeGreaterThanOrEqual(10);
    }
    for (const p of pairs) expect(p.reason.length).toBeGreaterThan(5);
  });
});
