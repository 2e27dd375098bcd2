/**
 * One short-lived connection to an MCP server: transport (URL checked by the guard), the SDK Client's
 * handshake (initialize + notifications/initialized), one deadline for everything, and a close on every
 * path, success, error or timeout (for stdio the SDK ends stdin, then SIGTERM, then SIGKILL).
 * listServerTools is its sync use; the conformance client reuses it for the suite's other scenarios.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { type OAuthClientProvider, UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { describeConnection, type McpConnection } from './mcp-connection';
import { toSyncError } from './mcp-error.mapping';
import { McpSyncError } from './mcp-sync.errors';
import { createTransport } from './mcp-transport.factory';
import { DEFAULT_OUTBOUND_URL_POLICY, type OutboundUrlPolicy } from './outbound-url.guard';

export const DEFAULT_SYNC_TIMEOUT_MS = 30_000;

/**
 * An OAuth provider that completes the authorization-code step without a browser (its
 * redirectToAuthorization fetches the authorization URL and keeps the code from the redirect): the
 * session then calls the transport's finishAuth with it and connects again, once.
 */
export interface NonInteractiveOAuthProvider extends OAuthClientProvider {
  takeAuthorizationCode(): Promise<string | undefined>;
}

export interface McpSessionOptions {
  /** Deadline for the whole session, handshake included. Default 30 s. */
  timeoutMs?: number;
  /** Checked before any HTTP connection and on every request. Default: public addresses only. */
  urlPolicy?: OutboundUrlPolicy;
  clientInfo?: { name: string; version: string };
  /** Stdio servers' stderr: dropped unless `inherit` (CLI --verbose). */
  stderr?: 'ignore' | 'inherit';
  /** OAuth for protected HTTP servers (the SDK runs discovery, registration and the token exchange). */
  authProvider?: OAuthClientProvider | NonInteractiveOAuthProvider;
  /** Cap of one HTTP response body; past it the listing fails (PROTOCOL_ERROR). Default 16 MiB. */
  maxResponseBytes?: number;
  signal?: AbortSignal;
  onProgress?: (event: SessionProgress) => void;
}

export type SessionProgress = { phase: 'connecting'; target: string } | { phase: 'connected'; server: string };

export interface McpServerInfo {
  name: string;
  version: string;
  title?: string;
  protocolVersion: string;
  capabilities: Record<string, unknown>;
  instructions?: string;
}

/** What a session body gets: the initialised client, and the session's abort signal and remaining time for its requests. */
export interface McpSession {
  client: Client;
  serverInfo: McpServerInfo;
  signal: AbortSignal;
  remainingMs(): number;
  /**
   * The `timeout` to give an SDK request: the time left plus a margin, so the session's own deadline (one
   * timer, one error: TIMEOUT with `timeoutMs`) always fires first and the SDK's timer is only a backstop.
   */
  requestTimeoutMs(): number;
}

/** How far past the session's deadline an SDK request's own timeout is set. */
const SDK_TIMEOUT_MARGIN_MS = 1000;

/** Opens a session, runs `body`, closes. Every failure is an McpSyncError (see mcp-sync.errors.ts). */
export async function withMcpSession<T>(connection: McpConnection, options: McpSessionOptions, body: (session: McpSession) => Promise<T>): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const remainingMs = (): number => Math.max(1, deadline - Date.now());
  const requestTimeoutMs = (): number => remainingMs() + SDK_TIMEOUT_MARGIN_MS;
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(new McpSyncError('ABORTED', 'the sync was aborted'));
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new McpSyncError('TIMEOUT', `no complete answer within ${timeoutMs} ms`, { timeoutMs })), timeoutMs);
  // The abort reason wins the race with whatever the SDK is waiting on (a hung server answers nothing).
  const aborted = new Promise<never>((_, reject) => {
    if (controller.signal.aborted) reject(controller.signal.reason);
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  aborted.catch(() => undefined);

  const open: Array<{ client?: Client; transport?: Transport }> = [];
  let phase: 'connect' | 'list' = 'connect';
  try {
    options.onProgress?.({ phase: 'connecting', target: describeConnection(connection) });
    const connect = async (): Promise<{ client: Client; protocolVersion: () => string | undefined }> => {
      const slot: { client?: Client; transport?: Transport } = {};
      open.push(slot);
      const transport = (slot.transport = await createTransport(connection, { urlPolicy: options.urlPolicy ?? DEFAULT_OUTBOUND_URL_POLICY, stderr: options.stderr, authProvider: options.authProvider, maxResponseBytes: options.maxResponseBytes, onFatal: (error) => controller.abort(error) }));
      const protocolVersion = recordProtocolVersion(transport);
      const client = (slot.client = new Client(options.clientInfo ?? { name: 'toolgate-sync', version: '1.0.0' }, { capabilities: {} }));
      await client.connect(transport, { signal: controller.signal, timeout: requestTimeoutMs() });
      return { client, protocolVersion };
    };
    for (let authorizations = 0; ; authorizations += 1) {
      phase = 'connect';
      try {
        const connected = await Promise.race([connect(), aborted]);
        phase = 'list';
        const serverInfo = readServerInfo(connected.client, connected.protocolVersion());
        options.onProgress?.({ phase: 'connected', server: `${serverInfo.name} ${serverInfo.version}` });
        return await Promise.race([body({ client: connected.client, serverInfo, signal: controller.signal, remainingMs, requestTimeoutMs }), aborted]);
      } catch (error) {
        // A 401/403 (at the handshake or, step-up, at a later request) with a non-interactive provider:
        // exchange the code it captured and start over, at most MAX_AUTHORIZATIONS times.
        if (authorizations >= MAX_AUTHORIZATIONS || !(await finishAuthorization(error, open[open.length - 1]?.transport, options.authProvider))) throw error;
      }
    }
  } catch (error) {
    throw toSyncError(controller.signal.aborted ? controller.signal.reason : error, phase, describeConnection(connection));
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    for (const slot of open) await closeQuietly(slot.client, slot.transport);
  }
}

/** Authorizations one session may run (a first one, then a step-up to more scopes); beyond, the server is refusing us. */
const MAX_AUTHORIZATIONS = 2;

/** True when `error` asked for authorization and the provider's captured code was exchanged (finishAuth). */
async function finishAuthorization(error: unknown, transport: Transport | undefined, provider: McpSessionOptions['authProvider']): Promise<boolean> {
  if (!(error instanceof UnauthorizedError) || !provider || !('takeAuthorizationCode' in provider)) return false;
  const code = await provider.takeAuthorizationCode();
  const finish = (transport as { finishAuth?: (code: string) => Promise<void> } | undefined)?.finishAuth;
  if (!code || !finish) return false;
  await finish.call(transport, code);
  return true;
}

function readServerInfo(client: Client, protocolVersion: string | undefined): McpServerInfo {
  const info = client.getServerVersion();
  const instructions = client.getInstructions();
  return {
    name: info?.name ?? '',
    version: info?.version ?? '',
    ...(info?.title ? { title: info.title } : {}),
    protocolVersion: protocolVersion ?? '',
    capabilities: (client.getServerCapabilities() ?? {}) as Record<string, unknown>,
    ...(instructions ? { instructions } : {}),
  };
}

/**
 * The SDK's Client does not expose the negotiated protocol version; the transport delivers the
 * initialize result, so we read it on its way to the client (transports call `this.onmessage`).
 */
function recordProtocolVersion(transport: Transport): () => string | undefined {
  let version: string | undefined;
  let handler: Transport['onmessage'];
  type Message = Parameters<NonNullable<Transport['onmessage']>>;
  Object.defineProperty(transport, 'onmessage', {
    configurable: true,
    get: () =>
      handler &&
      ((message: Message[0], extra?: Message[1]) => {
        const result = (message as { result?: { protocolVersion?: unknown; serverInfo?: unknown } }).result;
        if (version === undefined && typeof result?.protocolVersion === 'string' && result.serverInfo) version = result.protocolVersion;
        handler!(message, extra);
      }),
    set: (next: Transport['onmessage']) => void (handler = next),
  });
  return () => version;
}

/** Closes the client and the transport (both idempotent); a stateful HTTP session is ended first (DELETE). */
async function closeQuietly(client: Client | undefined, transport: Transport | undefined): Promise<void> {
  const http = transport as { terminateSession?: () => Promise<void>; sessionId?: string } | undefined;
  const terminate = http?.sessionId && http.terminateSession ? http.terminateSession() : Promise.resolve();
  // A dead server must not hold us up.
  await Promise.race([terminate.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  await client?.close().catch(() => undefined);
  await transport?.close().catch(() => undefined);
}
