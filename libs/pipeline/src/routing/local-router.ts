import type { RouteDecision, RouteOptions, Router, RouterCandidate } from '../model';
import { cosine, LocalEmbedder } from '../semantic/local-embedder';
import { fnv1a } from '../semantic/hash';
import { type CandidateProfile, isGeneric, profileCandidate, queryTerms } from './candidate-profile';
import { DEFAULT_ROUTER_WEIGHTS, type LocalRouterWeights, nameCoverage, termMatch, termWeights } from './router-scoring';

interface AnalysedQuery {
  terms: string[];
  termSet: Set<string>;
  vector: Float32Array;
}

/** Bounded (oldest evicted first): enough for every probe of a few thousand tools. */
const QUERY_CACHE_SIZE = 20000;

interface Analysed {
  profile: CandidateProfile;
  vector: Float32Array;
}

/**
 * Deterministic stand-in for an LLM choosing a tool: ranks candidates by IDF-weighted term
 * coverage over name/description/parameters, embedding cosine, and name (verb/object) match,
 * and answers "none" when even the best fits poorly. Same input, same output; candidate order
 * does not matter (exact ties break by a hash of query and id, not by position).
 */
export class LocalRouter implements Router {
  readonly model: string;
  /** Same query and candidates (in any order) → same decision: routing stages may skip repeat trials. */
  readonly deterministic = true;
  private readonly weights: LocalRouterWeights;
  private readonly embedder: LocalEmbedder;
  private readonly cache: WeakMap<RouterCandidate, Analysed>;
  private readonly queries = new Map<string, AnalysedQuery>();

  constructor(weights: Partial<LocalRouterWeights> = {}, shared?: { embedder: LocalEmbedder; cache: WeakMap<RouterCandidate, Analysed> }) {
    this.weights = { ...DEFAULT_ROUTER_WEIGHTS, ...weights };
    this.embedder = shared?.embedder ?? new LocalEmbedder();
    this.cache = shared?.cache ?? new WeakMap();
    this.model = `local-router-v1@${this.embedder.model}`;
  }

  /** A router with other weights that reuses this one's candidate cache (for tuning sweeps). */
  withWeights(weights: Partial<LocalRouterWeights>): LocalRouter {
    return new LocalRouter({ ...this.weights, ...weights }, { embedder: this.embedder, cache: this.cache });
  }

  get settings(): Readonly<LocalRouterWeights> {
    return this.weights;
  }

  /** `options` (trial, temperature) are ignored: this router is deterministic by design. */
  async route(query: string, candidates: readonly RouterCandidate[], _options?: RouteOptions): Promise<RouteDecision> {
    return this.routeSync(query, candidates);
  }

  /** Same as `route`, without the promise. */
  routeSync(query: string, candidates: readonly RouterCandidate[]): RouteDecision {
    const w = this.weights;
    const analysed = candidates.map((c) => this.analyse(c));
    const { terms, termSet, vector: queryVector } = this.analyseQuery(query);
    const weights = termWeights(terms, analysed.map((a) => a.profile), w);
    const totalWeight = weights.reduce((s, x) => s + x, 0);
    const share = w.lexical + w.semantic + w.name;

    const scored = candidates.map((c, i) => {
      const { profile, vector } = analysed[i];
      const matched: string[] = [];
      let lexical = 0;
      terms.forEach((t, j) => {
        const m = termMatch(t, profile, w);
        if (m > 0) matched.push(t);
        lexical += weights[j] * m;
      });
      lexical = totalWeight > 0 ? lexical / totalWeight : 0;
      const semantic = Math.max(0, cosine(queryVector, vector));
      const name = nameCoverage(termSet, profile);
      const score = clamp((w.lexical * lexical + w.semantic * semantic + w.name * name) / share);
      return { id: c.id, score, matched, tie: fnv1a(`${query}\u0000${c.id}`) };
    });
    scored.sort((a, b) => b.score - a.score || a.tie - b.tie);

    const best = scored[0];
    const specific = best ? best.matched.filter((t) => !isGeneric(t)).length : 0;
    // Enough evidence: the specific terms asked for, or one more match than that of any kind
    // ("read the contents" matches only generic words, but two of them).
    const evidence = specific >= w.minSpecificMatches || (best?.matched.length ?? 0) > w.minSpecificMatches;
    const choice = best && best.score >= w.noneThreshold && evidence ? best.id : null;
    const reason = best
      ? choice
        ? `matched ${best.matched.join(', ') || 'no terms (embedding only)'}; score ${best.score.toFixed(3)}`
        : `best ${best.id} scored ${best.score.toFixed(3)} (threshold ${w.noneThreshold}) with ${specific} specific terms matched (none fits)`
      : 'no candidates';
    return { choice, ranking: scored.map((s) => ({ id: s.id, score: round(s.score) })), reason };
  }

  /** A tool's probes are routed once per pair it is in: analyse each query text once. */
  private analyseQuery(query: string): AnalysedQuery {
    let hit = this.queries.get(query);
    if (!hit) {
      const terms = queryTerms(query);
      hit = { terms, termSet: new Set(terms), vector: this.embedder.embedOne(query) };
      if (this.queries.size >= QUERY_CACHE_SIZE) this.queries.delete(this.queries.keys().next().value as string);
      this.queries.set(query, hit);
    }
    return hit;
  }

  private analyse(candidate: RouterCandidate): Analysed {
    let hit = this.cache.get(candidate);
    if (!hit) {
      const profile = profileCandidate(candidate);
      hit = { profile, vector: this.embedder.embedOne(profile.text) };
      this.cache.set(candidate, hit);
    }
    return hit;
  }
}

function clamp(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
