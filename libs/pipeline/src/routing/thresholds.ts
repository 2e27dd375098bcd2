/**
 * Severity of a routing-confusion rate: the share of probes written for one tool of a pair that a
 * router sends to the other (majority over trials; an A/B tie counts half).
 *
 * Two interchangeable tools split their probes roughly evenly (rate near 0.5: a coin flip decides
 * which runs), so HIGH starts well before that. One stray probe in eight is already a defect an
 * operator should see, but on its own it is often a probe that was simply vague: LOW.
 */
export interface RoutingThresholds {
  low: number;
  medium: number;
  high: number;
}

export const ROUTING_THRESHOLDS: RoutingThresholds = {
  /** About one probe in eight lands on the other tool. */
  low: 0.125,
  /** One in four. */
  medium: 0.25,
  /** One in three or more: the router cannot tell the two apart for a large share of requests. */
  high: 0.34,
};

/** Default concurrent router calls: remote routers are rate-limited; the local one does not care. */
export const DEFAULT_ROUTING_CONCURRENCY = 8;
