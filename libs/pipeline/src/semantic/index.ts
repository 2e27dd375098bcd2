export { fingerprintText, parameterPhrases, FINGERPRINT_FIELDS } from './fingerprint';
export { LocalEmbedder, cosine, LOCAL_EMBEDDER_DIMENSIONS, type LocalEmbedderOptions } from './local-embedder';
export { VectorIndex, type VectorIndexOptions, type NearestOptions, type Neighbour } from './vector-index';
export { canonicalConcept } from './concepts';
export { conceptTokens } from './features';
export { semanticFindings, semanticSeverity, sharedSalientTerms } from './semantic-stage';
export { SEMANTIC_THRESHOLDS, MAX_SHARED_TERMS, type SemanticThresholds } from './thresholds';
