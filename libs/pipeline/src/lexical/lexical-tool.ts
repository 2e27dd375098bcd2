import type { Tool } from '../model';
import type { NameFeatures } from './name-features';

/** A tool with its precomputed name features: what the lexical stage compares. */
export interface LexicalTool {
  tool: Tool;
  name: NameFeatures;
}
