import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { McpSyncError } from './mcp-sync.errors';

/**
 * Maps whatever the SDK or the network threw to one McpSyncError. `phase` tells a failed handshake
 * (CONNECT_FAILED) from a connection lost during the listing (CONNECTION_CLOSED).
 */
export function toSyncError(error: unknown, phase: 'connect' | 'list', target: string): McpSyncError {
  if (error instanceof McpSyncError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const details = { target, phase };
  if (error instanceof McpError) {
    if (error.code === ErrorCode.RequestTimeout) return new McpSyncError('TIMEOUT', message, details, { cause: error });
    if (error.code === ErrorCode.ConnectionClosed) return new McpSyncError(phase === 'connect' ? 'CONNECT_FAILED' : 'CONNECTION_CLOSED', `the server closed the connection: ${message}`, details, { cause: error });
    // A JSON-RPC error answer, or (SDK) InvalidParams when a result does not match its schema.
    return new McpSyncError(phase === 'connect' ? 'CONNECT_FAILED' : 'PROTOCOL_ERROR', message, { ...details, rpcCode: error.code }, { cause: error });
  }
  if (error instanceof UnauthorizedError) return new McpSyncError('CONNECT_FAILED', `the server requires authorization: ${message}`, { ...details, reason: 'unauthorized' }, { cause: error });
  return new McpSyncError(phase === 'connect' ? 'CONNECT_FAILED' : 'CONNECTION_CLOSED', message, details, { cause: error });
}
