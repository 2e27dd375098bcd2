export { canonicalJson, contentHash, hashedDefinition, toolContentHash, type HashedToolDefinition, type ListedToolDefinition } from './content-hash';
export { diffToolLists, type LiveTool, type RegistryToolRef, type ToolListDiff, type ToolPairing } from './tool-list.diff';
export { diffDefinitions, renderDefinitionDiff, type DefinitionDiff } from './definition.diff';
export { diffJson, type JsonChange } from './json.diff';
export { diffText, renderTextDiff, type TextDiffPart } from './text.diff';
