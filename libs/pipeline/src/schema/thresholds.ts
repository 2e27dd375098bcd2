/**
 * Schema stage thresholds. Schema differences only matter when an agent could pick one tool in place of
 * the other, so every rule is gated by the pair's intent similarity (0..1, max of name-token Jaccard and
 * description cosine, computed by the orchestrator). docs/conflict-detection.md lists these.
 */

/** Below this intent similarity the tools do different things: shared or clashing parameters are not a conflict. */
export const SCHEMA_RELATED_MIN = 0.3;

/**
 * At or above this intent similarity the tools are alternatives for the same job: clashes become MEDIUM,
 * generic plumbing parameters (id, limit, page, query...) are compared too, and name mismatches and
 * required-set overlap are reported.
 */
export const SCHEMA_SAME_INTENT = 0.6;

/** Required-overlap: Jaccard of the two required concept sets at or above which it is reported. */
export const REQUIRED_OVERLAP_MIN = 0.5;

/** Required-overlap is MEDIUM only when the required sets are identical and intent is at least this high. */
export const REQUIRED_OVERLAP_MEDIUM_INTENT = 0.8;

/** Nesting depth flattened into parameters (1 = `filter.user_id`). Deeper structure rarely decides a choice. */
export const MAX_PARAM_DEPTH = 1;

/** Weight of each finding type in its score (score = intent similarity × weight × overlap where relevant). */
export const SCORE_WEIGHTS = { typeClash: 0.8, enumClash: 0.6, nameMismatch: 0.5, requiredOverlap: 0.7 } as const;
