/**
 * Semantic index benchmark: LSH recall vs brute force on the real registry, and timings for
 * embedding + indexing + querying N synthetic tools (perturbed copies of real ones).
 * Run: node -r ./bench/register.js bench/routing/index-bench.ts [N=50000] [tables] [bits] [probes]
 * Two synthetic corpora: "clustered" (each tool a perturbed copy of one real tool: ~N/644 near-duplicates
 * per tool, the worst case for LSH) and "mixed" (each tool stitched from two real tools with a unique
 * name: closer to a large real registry).
 */
import type { Tool } from '../../libs/pipeline/src/model';
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

function synthetic(count: number, mixed: boolean): Tool[] {
  const random = mulberry32(42);
  const out: Tool[] = [];
  const vocabulary = [...new Set(real.flatMap((t) => t.definition.description.toLowerCase().match(/[a-z]{4,}/g) ?? []))];
  const word = (): string => vocabulary[Math.floor(random() * vocabulary.length)];
  for (let i = 0; i < count; i++) {
    const base = real[Math.floor(random() * real.length)];
    const donor = real[Math.floor(random() * real.length)];
    const keep = mixed ? 0.5 : 0.7;
    const words = base.definition.description.split(/\s+/).filter(() => random() < keep);
    const extra = donor.definition.description.split(/\s+/).slice(0, mixed ? 20 : 6);
    if (mixed) for (let j = 0; j < 6; j++) words.splice(Math.floor(random() * words.length), 0, word());
    const server = `synthetic-${i % 997}`;
    const name = mixed ? `${word()}_${word()}_${i}` : `${base.definition.name}_${i}`;
    const definition = { ...base.definition, name, description: [...words, ...extra].join(' ') };
    out.push({ key: `${server}/${name}`, server, definition });
  }
  return out;
}

for (const minScore of [0.45, 0.55, 0.65, 0.75]) {
  const r = recall(real, minScore);
  console.log(`real ${real.length} tools, minScore ${minScore}: recall ${r.recall.toFixed(4)} over ${r.truePairs} true pairs`);
}

function timings(kind: 'clustered' | 'mixed'): void {
  const tools = synthetic(n, kind === 'mixed');
  let t0 = performance.now();
  const vectors = embedder.embedSync(tools.map(fingerprintText));
  const embedMs = performance.now() - t0;
  t0 = performance.now();
  const index = new VectorIndex(embedder.dimensions, options);
  tools.forEach((t, i) => index.add(t.key, vectors[i]));
  const indexMs = performance.now() - t0;
  const latencies: number[] = [];
  let hits = 0;
  t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < tools.length; i++) {
    const s = performance.now();
    hits += index.nearest(vectors[i], { k: 8, minScore: 0.45, excludeKey: tools[i].key }).length;
    latencies.push(performance.now() - s);
  }
  const queryMs = performance.now() - t0;
  const queryCpuMs = process.cpuUsage(cpu0).user / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q: number): string => latencies[Math.floor(q * (latencies.length - 1))].toFixed(3);
  console.log(`${kind} ${n}: fingerprint+embed ${embedMs.toFixed(0)} ms, index ${indexMs.toFixed(0)} ms, ` +
    `every tool queried (k 8, minScore 0.45) ${queryMs.toFixed(0)} ms wall / ${queryCpuMs.toFixed(0)} ms CPU (p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, p99 ${p(0.99)} ms), ` +
    `${(hits / n).toFixed(1)} neighbours per tool, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
}

/** One new candidate against a large index (the API's CI-gate path): p95 over 1,000 fresh candidates. */
function candidateLatency(size: number): void {
  const tools = synthetic(size + 1000, true);
  const vectors = embedder.embedSync(tools.map(fingerprintText));
  const index = new VectorIndex(embedder.dimensions, options);
  for (let i = 0; i < size; i++) index.add(tools[i].key, vectors[i]);
  const latencies: number[] = [];
  for (let i = size; i < tools.length; i++) {
    const s = performance.now();
    const [v] = embedder.embedSync([fingerprintText(tools[i])]);
    index.nearest(v, { k: 8, minScore: 0.45 });
    latencies.push(performance.now() - s);
  }
  latencies.sort((a, b) => a - b);
  console.log(`one candidate (embed + query) vs ${size} indexed: p50 ${latencies[500].toFixed(3)} ms, p95 ${latencies[950].toFixed(3)} ms`);
}

if (process.env.CANDIDATE) candidateLatency(Number(process.env.CANDIDATE));
timings('mixed');
if (!process.env.ONLY_MIXED) timings('clustered');
