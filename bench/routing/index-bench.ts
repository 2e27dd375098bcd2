/**
 * Semantic index benchmark: LSH recall vs brute force on the real registry, and timings for
 * embedding + indexing + querying N synthetic tools (perturbed copies of real ones).
 * Run: node -r ./bench/routing/register.js bench/routing/index-bench.ts [N=50000] [tables] [bits] [probes]
 */
import { type Tool } from '@toolgate/pipeline';
import { fingerprintText, LocalEmbedder, VectorIndex } from '../../libs/pipeline/src/semantic';
import { mulberry32 } from '../../libs/pipeline/src/semantic/hash';
import { loadRegistryTools } from './data';

const [n = 50000, tables, bits, probes] = process.argv.slice(2).map(Number);
const options = { tables: tables || undefined, bits: bits || undefined, probes: Number.isNaN(probes) ? undefined : probes };
const embedder = new LocalEmbedder();
const real = loadRegistryTools();

function recall(tools: Tool[], minScore: number): { recall: number; truePairs: number; meanFound: number } {
  const vectors = embedder.embedSync(tools.map(fingerprintText));
  const index = new VectorIndex(embedder.dimensions, options);
  tools.forEach((t, i) => index.add(t.key, vectors[i]));
  let expected = 0;
  let found = 0;
  tools.forEach((t, i) => {
    const q = { k: 1000, minScore, excludeKey: t.key };
    const truth = index.nearestExact(vectors[i], q);
    const got = new Set(index.nearest(vectors[i], q).map((r) => r.key));
    expected += truth.length;
    found += truth.filter((r) => got.has(r.key)).length;
  });
  return { recall: expected ? found / expected : 1, truePairs: expected / 2, meanFound: found / tools.length };
}

function synthetic(count: number): Tool[] {
  const random = mulberry32(42);
  const out: Tool[] = [];
  for (let i = 0; i < count; i++) {
    const base = real[Math.floor(random() * real.length)];
    const donor = real[Math.floor(random() * real.length)];
    const words = base.definition.description.split(/\s+/).filter(() => random() > 0.3);
    const extra = donor.definition.description.split(/\s+/).slice(0, 6);
    const server = `synthetic-${i % 997}`;
    const name = `${base.definition.name}_${i}`;
    const definition = { ...base.definition, name, description: [...words, ...extra].join(' ') };
    out.push({ key: `${server}/${name}`, server, definition });
  }
  return out;
}

for (const minScore of [0.55, 0.65, 0.78]) {
  const r = recall(real, minScore);
  console.log(`real ${real.length} tools, minScore ${minScore}: recall ${r.recall.toFixed(4)} over ${r.truePairs} true pairs`);
}

const tools = synthetic(n);
let t0 = performance.now();
const texts = tools.map(fingerprintText);
const vectors = embedder.embedSync(texts);
const embedMs = performance.now() - t0;
t0 = performance.now();
const index = new VectorIndex(embedder.dimensions, options);
tools.forEach((t, i) => index.add(t.key, vectors[i]));
const indexMs = performance.now() - t0;
const latencies: number[] = [];
let hits = 0;
t0 = performance.now();
for (let i = 0; i < tools.length; i++) {
  const s = performance.now();
  hits += index.nearest(vectors[i], { k: 10, minScore: 0.55, excludeKey: tools[i].key }).length;
  latencies.push(performance.now() - s);
}
const queryMs = performance.now() - t0;
latencies.sort((a, b) => a - b);
const p = (q: number): string => latencies[Math.floor(q * (latencies.length - 1))].toFixed(3);
console.log(`synthetic ${n}: embed ${embedMs.toFixed(0)} ms (fingerprint+embed), index ${indexMs.toFixed(0)} ms, ` +
  `query all ${queryMs.toFixed(0)} ms (p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, p99 ${p(0.99)} ms), neighbours found ${hits}`);
console.log(`rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
