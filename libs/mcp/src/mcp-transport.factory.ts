import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { McpConnection } from './mcp-connection';
import type { McpSyncError } from './mcp-sync.errors';
import { assertOutboundUrlAllowed, guardedFetch, type OutboundUrlPolicy } from './outbound-url.guard';
import { limitResponseSize } from './response-size.limit';

export interface TransportOptions {
  urlPolicy: OutboundUrlPolicy;
  /** What happens to a stdio server's stderr: dropped by default (it may echo secrets from its env). */
  stderr?: 'ignore' | 'inherit';
  authProvider?: OAuthClientProvider;
  /** Cap of one HTTP response body (default 16 MiB). */
  maxResponseBytes?: number;
  /** Called with an error that must end the session now (a response over the cap). */
  onFatal?: (error: McpSyncError) => void;
}

/** Builds the SDK transport for a connection; a URL is checked against the policy first (URL_NOT_ALLOWED). */
export async function createTransport(connection: McpConnection, options: TransportOptions): Promise<Transport> {
  if (connection.transport === 'stdio') {
    return new StdioClientTransport({
      command: connection.command,
      args: connection.args ?? [],
      ...(connection.env ? { env: { ...getDefaultEnvironment(), ...connection.env } } : {}),
      ...(connection.cwd ? { cwd: connection.cwd } : {}),
      stderr: options.stderr ?? 'ignore',
    });
  }
  const url = await assertOutboundUrlAllowed(connection.url, options.urlPolicy);
  const common = {
    requestInit: { headers: connection.headers ?? {} },
    fetch: guardedFetch(options.urlPolicy, (base) => limitResponseSize(base, options.maxResponseBytes, options.onFatal)),
    ...(options.authProvider ? { authProvider: options.authProvider } : {}),
  };
  // The SDK sends requestInit's headers on the SSE stream's GET too, and follows redirects only within the origin.
  if (connection.transport === 'sse') return new SSEClientTransport(url, common);
  // One reconnection attempt at most: a sync is a short listing, not a long-lived session.
  return new StreamableHTTPClientTransport(url, { ...common, reconnectionOptions: { maxReconnectionDelay: 1000, initialReconnectionDelay: 200, reconnectionDelayGrowFactor: 1, maxRetries: 1 } });
}
