/**
 * Top-1 routing accuracy of LocalRouter vs a plain BM25 baseline on public labelled data
 * (BFCL v4 and MetaTool in ../shared/data/routing). An item expecting no tool is correct only
 * when the router answers "none". Both routers' none-thresholds (and LocalRouter's weights, with
 * --tune) are chosen on a seeded 50% split; the other half is reported as held out.
 *
 * Run: node -r ./bench/register.js bench/routing/routing-accuracy.ts [--tune]
 */
import type { RouterCandidate } from '../../libs/pipeline/src/model';
import { fnv1a } from '../../libs/pipeline/src/semantic/hash';
import { LocalRouter, type LocalRouterWeights } from '../../libs/pipeline/src/routing';
import { bm25Scores } from './bm25-baseline';
import { loadRoutingItems, type RoutingItem } from './data';
import { evaluate, formatRow, type Scored, sweepThreshold } from './accuracy-metrics';

interface Prepared {
  item: RoutingItem;
  dataset: string;
  tune: boolean;
  candidates: RouterCandidate[];
}

const SPLIT_SEED = 0x5eed;

function prepare(file: string, dataset: string): Prepared[] {
  return loadRoutingItems(file).map((item) => ({
    item,
    dataset,
    tune: (fnv1a(item.id, SPLIT_SEED) & 1) === 0,
    candidates: item.candidates.map((c, i) => ({ id: `${i}:${c.name}`, name: c.name, description: c.description ?? '', inputSchema: c.inputSchema })),
  }));
}

const items = [...prepare('routing_bfcl.jsonl', 'BFCL'), ...prepare('routing_metatool.jsonl', 'MetaTool')];
const expected = (p: Prepared, id: string | undefined): boolean => id !== undefined && p.item.expected_tools.includes(id.slice(id.indexOf(':') + 1));

function scoreLocal(router: LocalRouter, only?: (p: Prepared) => boolean): Scored[] {
  return items.filter((p) => !only || only(p)).map((p) => {
    const decision = router.routeSync(p.item.query, p.candidates);
    const top = decision.ranking[0];
    // With noneThreshold 0 a null choice can only come from the specific-match gate: score it 0.
    const score = decision.choice === null ? 0 : (top?.score ?? 0);
    return { p, score, hit: expected(p, top?.id), none: p.item.expected_tools.length === 0 };
  });
}

function scoreBm25(): Scored[] {
  return items.map((p) => {
    const scores = bm25Scores(p.item.query, p.candidates);
    let best = -1;
    scores.forEach((s, i) => {
      if (best < 0 || s > scores[best]) best = i;
    });
    return { p, score: best >= 0 ? scores[best] : 0, hit: expected(p, p.candidates[best]?.id), none: p.item.expected_tools.length === 0 };
  });
}

function tuneWeights(base: LocalRouter): Partial<LocalRouterWeights> {
  let best = { acc: -1, weights: {} as Partial<LocalRouterWeights> };
  const grid: Partial<LocalRouterWeights>[] = [];
  for (const lexical of [0.3, 0.5, 0.7]) for (const semantic of [0.1, 0.3, 0.5]) for (const name of [0, 0.15, 0.3])
    for (const fieldParameters of [0.3, 0.6]) for (const generic of [0.3, 0.6]) grid.push({ lexical, semantic, name, fieldParameters, generic });
  for (const weights of grid) {
    const scored = scoreLocal(base.withWeights({ ...weights, noneThreshold: 0 }), (p) => p.tune);
    const { accuracy, threshold } = sweepThreshold(scored);
    if (accuracy > best.acc) best = { acc: accuracy, weights: { ...weights, noneThreshold: threshold } };
  }
  console.error(`tuned on the tune split: ${JSON.stringify(best.weights)} → ${(best.acc * 100).toFixed(1)}%`);
  return best.weights;
}

const base = new LocalRouter();
const tuned = process.argv.includes('--tune') ? tuneWeights(base) : {};
const local = scoreLocal(base.withWeights({ ...tuned, noneThreshold: 0 }));
const localThreshold = sweepThreshold(local.filter((s) => s.p.tune)).threshold;
const bm25 = scoreBm25();
const bm25Threshold = sweepThreshold(bm25.filter((s) => s.p.tune)).threshold;

console.log(`| dataset | split | router | none-threshold | top-1 overall | call items | none items |`);
console.log(`|---|---|---|---|---|---|---|`);
for (const dataset of ['BFCL', 'MetaTool', 'all']) {
  for (const split of ['tune', 'held-out']) {
    const keep = (s: Scored): boolean => (dataset === 'all' || s.p.dataset === dataset) && s.p.tune === (split === 'tune');
    console.log(formatRow(dataset, split, 'BM25 (name+description)', bm25Threshold, evaluate(bm25.filter(keep), bm25Threshold)));
    console.log(formatRow(dataset, split, 'LocalRouter', localThreshold, evaluate(local.filter(keep), localThreshold)));
  }
}
const rankingOnly = (xs: Scored[]): string => {
  // (for LocalRouter, items the specific-match gate answered "none" still count by their top candidate)
  const calls = xs.filter((s) => !s.none);
  return `${((calls.filter((s) => s.hit).length / calls.length) * 100).toFixed(1)}%`;
};
console.log(`\nRanking only (top-1 on call items, no none-threshold), held-out: LocalRouter ${rankingOnly(local.filter((s) => !s.p.tune))}, BM25 ${rankingOnly(bm25.filter((s) => !s.p.tune))}`);
console.log(`\nLocalRouter settings: ${JSON.stringify({ ...base.settings, ...tuned, noneThreshold: localThreshold })}`);
