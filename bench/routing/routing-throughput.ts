/**
 * Routing-stage throughput with the LocalRouter: every real registry pair at cosine ≥ 0.45 is
 * simulated (6 probes per tool, 3 trials, 4 context neighbours), and the findings by severity printed.
 * Run: node -r ./bench/register.js bench/routing/routing-throughput.ts
 */
import type { Tool } from '../../libs/pipeline/src/model';
import { LocalRouter, simulateRouting } from '../../libs/pipeline/src/routing';
import { fingerprintText, LocalEmbedder, VectorIndex } from '../../libs/pipeline/src/semantic';
import { loadRegistryTools } from './data';

async function main(): Promise<void> {
  const tools = loadRegistryTools();
  const embedder = new LocalEmbedder();
  const vectors = embedder.embedSync(tools.map(fingerprintText));
  const index = new VectorIndex(embedder.dimensions);
  tools.forEach((t, i) => index.add(t.key, vectors[i]));
  const byKey = new Map(tools.map((t, i) => [t.key, i]));
  const pairs: { a: Tool; b: Tool }[] = [];
  tools.forEach((a, i) => {
    for (const n of index.nearest(vectors[i], { k: 8, minScore: 0.45, excludeKey: a.key })) {
      if (a.key < n.key) pairs.push({ a, b: tools[byKey.get(n.key) as number] });
    }
  });
  const context = (a: Tool, b: Tool): Tool[] =>
    index
      .nearest(vectors[byKey.get(a.key) as number], { k: 6, minScore: 0 })
      .filter((n) => n.key !== a.key && n.key !== b.key)
      .slice(0, 4)
      .map((n) => tools[byKey.get(n.key) as number]);
  const start = performance.now();
  const findings = await simulateRouting(pairs, { router: new LocalRouter(), context, trials: 3, probesPerTool: 6 });
  const ms = performance.now() - start;
  const bySeverity: Record<string, number> = {};
  for (const f of findings.values()) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
  console.log(`${pairs.length} pairs routed in ${ms.toFixed(0)} ms (${((ms / pairs.length) * 1000).toFixed(0)} µs per pair): ${JSON.stringify(bySeverity)}`);
  const top = [...findings.entries()].sort((x, y) => y[1].score - x[1].score).slice(0, 12);
  for (const [key, f] of top) console.log(`${f.score.toFixed(3)} ${f.severity} ${key}`);
}

void main();
