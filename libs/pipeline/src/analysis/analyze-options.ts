import type { Embedder, ProbeGenerator, Recommender, Router } from '../model/providers';
import type { VectorIndexOptions } from '../semantic';
import type { Severity } from '../model/severity';
import type { StageName } from '../model/finding';

export interface AnalyzeProgress {
  phase: 'index' | 'pairs' | 'routing' | 'recommendations';
  done: number;
  total: number;
}

/** Options of one analysis. Every field has a documented default (docs/conflict-detection.md). */
export interface AnalyzeOptions {
  /** Stages to run. Default: all four; routing only ever runs on pairs flagged by stages 1–3. */
  stages?: readonly StageName[];
  /** Embedder for stage 3. Default: the local deterministic embedder. */
  embedder?: Embedder;
  /** Router for stage 4. Default: the local deterministic router. */
  router?: Router;
  /** A conflict or tool finding at or above this severity makes the report `blocked`. Default HIGH. */
  failOn?: Severity | 'NONE';
  /** Pairs at or above this severity after stages 1–3 go to routing simulation. Default MEDIUM. */
  routingThreshold?: Severity;
  /** Where stage 4's probes come from. Default: the local templates (LocalProbeGenerator). */
  probeGenerator?: ProbeGenerator;
  /** Extra (LLM) recommendation drafts, verified like the rule-based ones. Default: rules only. */
  recommender?: Recommender;
  /** Routing trials per probe (majority vote). Default 3. */
  trials?: number;
  /** Probes generated per tool for routing. Default 6. */
  probesPerTool?: number;
  /** Neighbours per tool taken from the embedding index. Default 8. */
  semanticNeighbours?: number;
  /** Minimum cosine for a description neighbour to become a candidate pair. Default 0.45 (ADR 0005). */
  candidateMinCosine?: number;
  /**
   * Attach verified rule-based recommendations to conflicts at or above this severity. Default: the
   * `failOn` level (every conflict that blocks gets its fixes), or HIGH when nothing blocks. Verifying
   * a patch re-runs the pair, so recommending for every MEDIUM of a large registry costs about as much
   * as the analysis itself (bench/RESULTS.md).
   */
  recommendFrom?: Severity | 'NONE';
  /** Tuning of the description index (tables, bits, probes). Defaults: see VectorIndex. */
  vectorIndex?: VectorIndexOptions;
  onProgress?: (progress: AnalyzeProgress) => void;
}

export const DEFAULT_TRIALS = 3;
export const DEFAULT_PROBES_PER_TOOL = 6;
export const DEFAULT_SEMANTIC_NEIGHBOURS = 8;
export const DEFAULT_CANDIDATE_MIN_COSINE = 0.45;
export const DEFAULT_ROUTING_THRESHOLD = 'MEDIUM' as const;
