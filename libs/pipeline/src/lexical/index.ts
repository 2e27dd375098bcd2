export { deconfuse, confusableChars, type ConfusableChar } from './confusables';
export { nameFeatures, isGenericToken, type NameFeatures } from './name-features';
export { LexicalIndex } from './lexical-index';
export { lexicalFindings } from './lexical-findings';
export { nearNameFinding, classifyEdit, type EditKind } from './near-name';
export { tokenOverlapFinding } from './token-overlap';
export type { LexicalTool } from './lexical-tool';
export {
  NEAR_NAME_MIN_LENGTH,
  NEAR_NAME_ONE_EDIT_MAX_LENGTH,
  nearNameMaxDistance,
  TYPO_TOKEN_MIN_LENGTH,
  EDGE_TYPO_MIN_LENGTH,
  TOKEN_JACCARD_MEDIUM,
  TOKEN_JACCARD_LOW,
  LOW_MIN_SHARED_SIGNIFICANT,
  TOKEN_SAME_MULTISET_SCORE,
  PAIR_POSTING_CAP,
  TOKEN_POSTING_CAP,
  MAX_PAIR_TOKENS,
  COPIED_DESCRIPTION_MIN_LENGTH,
} from './thresholds';
