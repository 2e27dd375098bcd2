// MCP client side of Toolgate: connections to live MCP servers and tools/list sync (issue 8, docs/sync.md).
export {
  McpConnectionSchema,
  StdioConnectionSchema,
  SseConnectionSchema,
  StreamableHttpConnectionSchema,
  describeConnection,
  type McpConnection,
  type McpTransportKind,
  type StdioConnection,
  type SseConnection,
  type StreamableHttpConnection,
} from './mcp-connection';
export { McpSyncError, MCP_SYNC_ERROR_CODES, isMcpSyncError, type McpSyncErrorCode } from './mcp-sync.errors';
export { validateListedTool, type McpToolDefinition } from './mcp-tool';
export { listServerTools, DEFAULT_SYNC_MAX_TOOLS, DEFAULT_SYNC_MAX_PAGES, type ListServerToolsOptions, type ListProgress, type ServerToolListing } from './list-server-tools';
export {
  withMcpSession,
  DEFAULT_SYNC_TIMEOUT_MS,
  type McpServerInfo,
  type McpSession,
  type McpSessionOptions,
  type NonInteractiveOAuthProvider,
  type SessionProgress,
} from './mcp-session';
export {
  assertOutboundUrlAllowed,
  guardedFetch,
  parseAllowlist,
  DEFAULT_OUTBOUND_URL_POLICY,
  UNRESTRICTED_OUTBOUND_URL_POLICY,
  type OutboundUrlPolicy,
  type ResolvedAddress,
} from './outbound-url.guard';
export { DEFAULT_MAX_RESPONSE_BYTES } from './response-size.limit';
export { SyncBreakerRegistry, type SyncBreakerOptions, type SyncBreakerSnapshot, type SyncBreakerState } from './server-breakers';
