import type { Tool } from '../model';
import type { SchemaFeatures } from './schema-features';

/** A tool with its precomputed schema features: what the schema stage compares. */
export interface SchemaTool {
  tool: Tool;
  schema: SchemaFeatures;
}

export interface SchemaContext {
  /** How alike the two tools' intents are, 0..1 (max of name-token Jaccard and description cosine). */
  intentSimilarity: number;
}
