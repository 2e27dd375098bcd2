/**
 * Provider ports. The pipeline ships deterministic local implementations; model-backed ones
 * (OpenAI, Azure, OpenAI-compatible, Anthropic) plug in through the same interfaces.
 */
import type { JsonSchema } from './tool';

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
