/**
 * Provider ports. The pipeline ships deterministic local implementations; model-backed ones
 * (OpenAI, Azure, OpenAI-compatible, Anthropic) plug in through the same interfaces.
 */
import type { Finding, RecommendationKind } from './finding';
import type { JsonSchema, Tool, ToolDefinition } from './tool';

export interface Embedder {
  /** Stable identifier of the model, used in cache keys (e.g. `local-hash-v1`, `openai:text-embedding-3-small`). */
  readonly model: string;
  readonly dimensions: number;
  /** Returns one L2-normalised vector per text, in order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** A tool as a router sees it: exactly what an agent would be given. */
export interface RouterCandidate {
  id: string;
  name: string;
  description: string;
  inputSchema?: JsonSchema;
}

export interface RouteDecision {
  /** id of the chosen candidate, or null for "none of these". */
  choice: string | null;
  /** Candidates ranked best first with a score in [0, 1] (may be empty for routers that only choose). */
  ranking: { id: string; score: number }[];
  /** Human-readable reason, when the router can give one. */
  reason?: string;
}

export interface RouteOptions {
  /** Trial number, for routers whose sampling varies by trial. Deterministic routers ignore it. */
  trial?: number;
  temperature?: number;
}

export interface Router {
  readonly model: string;
  route(query: string, candidates: readonly RouterCandidate[], options?: RouteOptions): Promise<RouteDecision>;
}

/** Probes for one pair: requests meant for `a` and requests meant for `b`, in the pair's order. */
export interface PairProbes {
  a: string[];
  b: string[];
  /** Who wrote them: `local` (templates) or the model id (`openai:gpt-4o-mini`). */
  source: string;
  /** Set when a model was asked but its probes could not be used: why, and that `source` is the local fallback. */
  fallback?: string;
}

/**
 * Where stage 4's probe queries come from. The default (`LocalProbeGenerator`) builds them from templates
 * over each tool's own text; a model-backed one asks an LLM for realistic requests aimed at what tells
 * the two tools apart. Implementations must be deterministic per (model, pair) so reruns agree.
 */
export interface ProbeGenerator {
  readonly model: string;
  probesFor(pair: { a: Tool; b: Tool }, count: number): Promise<PairProbes>;
}

/** A patch an LLM proposes for `tool`; unverified until the pair is re-run with it applied. */
export interface RecommenderDraft {
  kind: RecommendationKind;
  rationale: string;
  after: Partial<Pick<ToolDefinition, 'name' | 'description'>>;
}

/**
 * Extra recommendation drafts for one side of a conflict (the rule-based drafts always run). Each
 * draft goes through the same verification as the rule-based ones and is dropped unless the pair's
 * score drops; a recommender that fails returns no drafts rather than unverified text.
 */
export interface Recommender {
  readonly model: string;
  draftsFor(tool: Tool, other: Tool, findings: readonly Finding[]): Promise<RecommenderDraft[]>;
}
