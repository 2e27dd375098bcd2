export { scanTool, type ScanOptions } from './scan-tool';
export { CUE_RULES, type CueRule } from './cue-rules';
export { HIDDEN_CHAR_CLASSES, type HiddenCharClass } from './hidden-characters';
export { toolNameFindings } from './tool-name';
export { findShadowing, type ShadowingMatch } from './tool-shadowing';
export { textSites, type TextSite } from './text-walk';
export {
  TOOL_NAME_MAX_LENGTH,
  TOOL_NAME_PORTABLE_MAX_LENGTH,
  TOOL_NAME_PATTERN,
  DESCRIPTION_LENGTH_LOW,
  DESCRIPTION_LENGTH_MEDIUM,
  TOTAL_TEXT_LENGTH_MEDIUM,
  EXCERPT_CONTEXT,
  MAX_LOCATIONS,
  MIN_CUE_TEXT_LENGTH,
} from './thresholds';
