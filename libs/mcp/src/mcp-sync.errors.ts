/**
 * Why a listing failed. Every failure throws one of these; a partial listing is never returned, so a
 * caller can never read a failure as "all tools removed".
 */
export const MCP_SYNC_ERROR_CODES = [
  /** The transport could not be opened or the handshake failed (refused, DNS, spawn error, HTTP error, auth). */
  'CONNECT_FAILED',
  /** The connection dropped (or the stdio process exited) after the handshake, e.g. mid-listing. */
  'CONNECTION_CLOSED',
  /** The overall deadline passed. */
  'TIMEOUT',
  /** The server answered something the protocol does not allow (bad result, repeated cursor, too many pages). */
  'PROTOCOL_ERROR',
  /** A listed tool is not a valid MCP tool definition (name, inputSchema, duplicate name...). */
  'INVALID_TOOL',
  /** The server listed more tools than the configured maximum. */
  'TOO_MANY_TOOLS',
  /** The URL is not http(s), is outside the allowlist, or resolves to a refused address range. */
  'URL_NOT_ALLOWED',
  /** The server's circuit breaker is open after repeated failures; it was not contacted. */
  'CIRCUIT_OPEN',
  /** The caller aborted the listing. */
  'ABORTED',
] as const;

export type McpSyncErrorCode = (typeof MCP_SYNC_ERROR_CODES)[number];

export class McpSyncError extends Error {
  override readonly name = 'McpSyncError';

  constructor(
    readonly code: McpSyncErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isMcpSyncError(error: unknown): error is McpSyncError {
  return error instanceof McpSyncError;
}
