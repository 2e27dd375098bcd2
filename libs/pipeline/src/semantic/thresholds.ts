/**
 * Cosine thresholds for the semantic stage, calibrated for LocalEmbedder (`local-hash-v1-512`,
 * unfitted) on the 644 real tools in shared/data/registry (207,046 pairs):
 *
 * - unrelated pairs: median 0.01, p99 0.39, p99.9 0.67;
 * - 19 hand-picked genuinely interchangeable cross-server pairs (filesystem vs desktop-commander
 *   read/write/move/list, puppeteer vs playwright click/fill/hover/navigate, the two arXiv
 *   `search_papers`, github `create_branch` vs git `git_create_branch`, yahoo-finance vs yfmcp news
 *   and price history): min 0.63, median 0.78, max 0.84.
 *
 * So LOW starts just above the unrelated p99 with a margin, MEDIUM where the weakest true
 * duplicates sit, HIGH where most true duplicates are, CRITICAL only for near-verbatim copies
 * (shadowing). Remote embedders have other scales: pass their own thresholds.
 */
export interface SemanticThresholds {
  low: number;
  medium: number;
  high: number;
  critical: number;
}

export const SEMANTIC_THRESHOLDS: SemanticThresholds = {
  /** Above ~99.5% of unrelated pairs: worth a look, rarely a real conflict alone. */
  low: 0.55,
  /** The weakest genuinely interchangeable pairs start here (0.63). */
  medium: 0.65,
  /** Most interchangeable pairs (median 0.78) are at or above this. */
  high: 0.75,
  /** Near-verbatim duplicate text: one tool shadows the other. */
  critical: 0.95,
};

/** How many shared salient terms a finding's evidence lists. */
export const MAX_SHARED_TERMS = 8;
