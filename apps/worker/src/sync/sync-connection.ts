import type { Config } from '@toolgate/config';
import type { ServerRecord } from '@toolgate/db';
import { type McpConnection, McpSyncError, type OutboundUrlPolicy } from '@toolgate/mcp';
import type { Secrets } from '@toolgate/secrets';

/** The sealed part of a connection: env values (stdio) or header values (HTTP). Sealed with `mcp-server:<id>`. */
export interface ServerSecrets {
  env?: Record<string, string>;
  headers?: Record<string, string>;
}

/** The secret box context binding a server's secrets to its row (an envelope copied to another server fails to open). */
export function serverSecretsContext(serverId: string): string {
  return `mcp-server:${serverId}`;
}

/** The outbound URL policy from config (SYNC_URL_ALLOWLIST, SYNC_ALLOW_PRIVATE_NETWORKS). */
export function syncUrlPolicy(config: Readonly<Config>): OutboundUrlPolicy {
  return { allowlist: config.SYNC_URL_ALLOWLIST, allowPrivateNetworks: config.SYNC_ALLOW_PRIVATE_NETWORKS };
}

/**
 * The connection a sync uses: the row's non-secret settings plus its opened secrets. A server registered
 * without a command or URL (a namespace for registrations only) cannot be synced: CONNECT_FAILED naming why.
 */
export function toMcpConnection(server: ServerRecord, sealed: Buffer | null, secrets: Secrets): McpConnection {
  const opened: ServerSecrets = sealed ? secrets.openJson<ServerSecrets>(sealed, serverSecretsContext(server.id)) : {};
  const c = server.connection;
  if (server.transport === 'STDIO') {
    if (typeof c['command'] !== 'string' || c['command'] === '') throw new McpSyncError('CONNECT_FAILED', 'the server has no stdio command to run', { field: 'connection.command' });
    return {
      transport: 'stdio',
      command: c['command'],
      args: Array.isArray(c['args']) ? (c['args'] as string[]) : [],
      ...(typeof c['cwd'] === 'string' ? { cwd: c['cwd'] } : {}),
      ...(opened.env ? { env: opened.env } : {}),
    };
  }
  if (typeof c['url'] !== 'string' || c['url'] === '') throw new McpSyncError('CONNECT_FAILED', 'the server has no URL to connect to', { field: 'connection.url' });
  return { transport: server.transport === 'SSE' ? 'sse' : 'streamable_http', url: c['url'], ...(opened.headers ? { headers: opened.headers } : {}) };
}
