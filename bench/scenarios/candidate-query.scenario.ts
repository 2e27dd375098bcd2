/**
 * One candidate against an indexed registry, in-process: the CI gate's case ("may this new tool ship?").
 * The registry is indexed once (ToolIndex.upsert, outside the clock); each query then does what
 * analyze() does for one candidate in stages 1–3: compute its features and embedding, ask the indexes
 * for neighbours, evaluate each neighbour pair. Routing simulation and recommendations are not timed:
 * they run only on pairs that were flagged, and their cost does not grow with the registry.
 */
import { DEFAULT_CANDIDATE_MIN_COSINE, DEFAULT_SEMANTIC_NEIGHBOURS, evaluatePair, LocalEmbedder, makeTool, ToolIndex, type StageName, type Tool } from '@toolgate/pipeline';
import { generateRegistry, type PlantedPair } from '../generator';
import { createRng } from '../generator/prng';
import { percentile } from '../support/stats';

// Mirrors analyze()'s defaults (libs/pipeline/src/analysis/analyze-options.ts).
const NEIGHBOUR_OPTIONS = { semanticNeighbours: DEFAULT_SEMANTIC_NEIGHBOURS, minCosine: DEFAULT_CANDIDATE_MIN_COSINE };
const STAGES: ReadonlySet<StageName> = new Set(['lexical', 'schema', 'semantic']);

export interface CandidateScenarioResult {
  registryTools: number;
  queries: number;
  indexSeconds: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Held-out planted twins whose base tool the query flagged. */
  recall: { planted: number; found: number };
  heapMiB: number;
}

/** Splits a generated registry into the indexed tools and `queries` held-out candidates (planted twins first). */
function holdOut(tools: number, queries: number, seed: string): { registry: Tool[]; candidates: Tool[]; planted: Map<string, PlantedPair> } {
  const generated = generateRegistry({ tools: tools + queries, seed });
  const all = generated.servers.flatMap((s) => s.tools.map((d) => makeTool(s.server, d)));
  const byKey = new Map(all.map((t) => [t.key, t]));
  const rng = createRng(`${seed}:holdout`);
  const twins = rng.shuffle(generated.planted.map((p) => `${p.b.server}/${p.b.tool}`)).slice(0, Math.floor(queries / 2));
  const twinSet = new Set(twins);
  const others = rng.shuffle(all.map((t) => t.key).filter((k) => !twinSet.has(k)));
  const held = new Set([...twins, ...others.slice(0, queries - twins.length)]);
  const planted = new Map(generated.planted.map((p) => [`${p.b.server}/${p.b.tool}`, p]));
  return { registry: all.filter((t) => !held.has(t.key)), candidates: [...held].map((k) => byKey.get(k)!), planted };
}

export async function runCandidateScenario(registryTools: number, queries: number, seed: string, log: (line: string) => void): Promise<CandidateScenarioResult> {
  const { registry, candidates, planted } = holdOut(registryTools, queries, seed);
  const index = new ToolIndex(new LocalEmbedder());
  let t = performance.now();
  await index.upsert(registry);
  const indexSeconds = (performance.now() - t) / 1000;
  log(`  indexed ${registry.length} tools in ${indexSeconds.toFixed(1)} s`);

  const latencies: number[] = [];
  let twins = 0;
  let found = 0;
  // A few warm-up queries so JIT compilation is not billed to the first candidates.
  for (const candidate of candidates.slice(0, 5)) await query(index, candidate);
  for (const candidate of candidates) {
    t = performance.now();
    const flagged = await query(index, candidate);
    latencies.push(performance.now() - t);
    const plant = planted.get(candidate.key);
    if (plant && index.get(`${plant.a.server}/${plant.a.tool}`)) {
      twins++;
      if (flagged.has(`${plant.a.server}/${plant.a.tool}`)) found++;
    }
  }
  return {
    registryTools: registry.length,
    queries: candidates.length,
    indexSeconds,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    recall: { planted: twins, found },
    heapMiB: process.memoryUsage().heapUsed / 2 ** 20,
  };
}

/** Keys of registry tools the candidate conflicts with (any finding above INFO). */
async function query(index: ToolIndex, candidate: Tool): Promise<Set<string>> {
  const [subject] = await index.prepare([candidate]);
  const hits = new Set<string>();
  for (const key of index.neighbours(subject, NEIGHBOUR_OPTIONS)) {
    const other = index.get(key);
    if (!other) continue;
    const { findings } = evaluatePair(subject, other, STAGES);
    if (findings.some((f) => f.severity !== 'INFO')) hits.add(key);
  }
  return hits;
}
