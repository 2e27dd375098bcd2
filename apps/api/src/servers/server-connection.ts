import { DomainError, ValidationError } from '@toolgate/config';
import type { ServerRecord, TransportValue } from '@toolgate/db';
import { assertOutboundUrlAllowed, isMcpSyncError, type OutboundUrlPolicy } from '@toolgate/mcp';
import { SecretBoxError, type Secrets } from '@toolgate/secrets';
import type { z } from 'zod';
import { connectionSchemaFor, type ConnectionRequest, type HttpConnectionRequest, type StdioConnectionRequest, type TransportName } from './server.request';

/** A connection split for storage: non-secret settings, secret names, and the secrets to seal (undefined: keep). */
export interface PreparedConnection {
  connection: Record<string, unknown>;
  secretNames: string[] | undefined;
  secrets: Record<string, string> | undefined;
  secretKind: 'env' | 'headers';
}

/** The secret box context binding a server's secrets to its row (same as the worker's). */
export function serverSecretsContext(serverId: string): string {
  return `mcp-server:${serverId}`;
}

export function toTransportValue(transport: TransportName): TransportValue {
  return transport.toUpperCase() as TransportValue;
}

/** Validates `raw` for the transport (400 naming `body.connection.<field>`); `{}` stays empty (not syncable). */
export function parseConnection(transport: TransportName, raw: Record<string, unknown>): ConnectionRequest | null {
  if (Object.keys(raw).length === 0) return null;
  const result = (connectionSchemaFor(transport) as z.ZodType<ConnectionRequest>).safeParse(raw);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: ['body', 'connection', ...issue.path.map(String)].join('.'), message: issue.message }));
  throw new ValidationError(issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues, transport });
}

export function prepareConnection(transport: TransportName, parsed: ConnectionRequest | null): PreparedConnection {
  if (!parsed) return { connection: {}, secretNames: [], secrets: undefined, secretKind: transport === 'stdio' ? 'env' : 'headers' };
  if (transport === 'stdio') {
    const { env, ...rest } = parsed as StdioConnectionRequest;
    return { connection: rest, secretNames: env ? Object.keys(env).sort() : undefined, secrets: env, secretKind: 'env' };
  }
  const { headers, ...rest } = parsed as HttpConnectionRequest;
  return { connection: rest, secretNames: headers ? Object.keys(headers).sort() : undefined, secrets: headers, secretKind: 'headers' };
}

/** Seals `{env}` or `{headers}` for the server; an empty set clears the stored secrets (null). */
export function sealer(box: Secrets, prepared: PreparedConnection): (serverId: string) => Buffer | null {
  const secrets = prepared.secrets ?? {};
  if (Object.keys(secrets).length === 0) return () => null;
  // Fail before any write when no key is configured.
  if (!box.available) {
    throw new DomainError('rule_violation', 'SECRETS.KEY_MISSING', 'TOOLGATE_SECRETS_KEY is not set: secrets (env values, header values) cannot be stored', { field: `connection.${prepared.secretKind}` });
  }
  return (serverId) => {
    try {
      return box.sealJson({ [prepared.secretKind]: secrets }, serverSecretsContext(serverId));
    } catch (error) {
      if (error instanceof SecretBoxError) throw new DomainError('rule_violation', error.code, error.message, { field: `connection.${prepared.secretKind}` });
      throw error;
    }
  };
}

/** The write-time URL check (the worker checks again at every sync): 400 `SERVER.URL_NOT_ALLOWED` naming the field. */
export async function assertUrlAllowed(url: string, policy: OutboundUrlPolicy): Promise<void> {
  try {
    await assertOutboundUrlAllowed(url, policy);
  } catch (error) {
    if (!isMcpSyncError(error)) throw error;
    const code = error.code === 'URL_NOT_ALLOWED' ? 'SERVER.URL_NOT_ALLOWED' : 'SERVER.URL_UNRESOLVABLE';
    throw new ValidationError(`body.connection.url: ${error.message}`, { field: 'connection.url', issues: [{ path: 'body.connection.url', message: error.message }] }, code);
  }
}

/** True when the stdio settings that decide what runs (command, args, cwd, env) differ from the stored ones. */
export function stdioCommandChanged(existing: ServerRecord | undefined, prepared: PreparedConnection): boolean {
  if (!existing || existing.transport !== 'STDIO') return Object.keys(prepared.connection).length > 0 || (prepared.secretNames?.length ?? 0) > 0;
  const before = existing.connection;
  const after = prepared.connection;
  const same = (k: string) => JSON.stringify(before[k] ?? null) === JSON.stringify(after[k] ?? null);
  // Env values are sealed, so any env given is a change (it can alter what runs, e.g. NODE_OPTIONS).
  return !same('command') || !same('args') || !same('cwd') || prepared.secrets !== undefined;
}
