// The caches are generic (libs/pipeline), shared with the API's CI gate: one ToolIndexCache per embedder
// (ToolIndexCaches), so an environment with provider overrides never reads vectors of the deployment's embedder.
export { type IndexSync, MAX_CACHED_ENVIRONMENTS, ToolIndexCache, ToolIndexCaches, type VersionedTool } from '@toolgate/pipeline';
