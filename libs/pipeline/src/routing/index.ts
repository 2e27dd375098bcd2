export { generateProbes, DEFAULT_PROBE_COUNT, LocalProbeGenerator, withProbesOf } from './probe-generator';
export { LocalRouter } from './local-router';
export { DEFAULT_ROUTER_WEIGHTS, type LocalRouterWeights } from './router-scoring';
export { profileCandidate, queryTerms, type CandidateProfile } from './candidate-profile';
export { simulateRouting, routingShift, routingSeverity, type RoutingOptions, type ShiftOptions } from './routing-stage';
export { ROUTING_THRESHOLDS, DEFAULT_ROUTING_CONCURRENCY, type RoutingThresholds } from './thresholds';
export { majorityVote, type Verdict } from './vote';
export { mapLimit } from './concurrency';
