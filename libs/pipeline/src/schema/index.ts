export { schemaFeatures, typesOf, typesCompatible, type ParamFeature, type SchemaFeatures } from './schema-features';
export { schemaFindings } from './schema-findings';
export { paramConcept, isGenericConcept, GENERIC_CONCEPTS } from './concepts';
export type { SchemaTool, SchemaContext } from './schema-tool';
export {
  SCHEMA_RELATED_MIN,
  SCHEMA_SAME_INTENT,
  REQUIRED_OVERLAP_MIN,
  REQUIRED_OVERLAP_MEDIUM_INTENT,
  MAX_PARAM_DEPTH,
  SCORE_WEIGHTS,
} from './thresholds';
