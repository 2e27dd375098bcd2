// Moved to @toolgate/pipeline (definition-diff/content-hash.ts) so sync (libs/mcp users, the CLI) hashes
// tool definitions with exactly the registry's function.
export { canonicalJson, contentHash } from '@toolgate/pipeline';
