/**
 * The client entry point the MCP conformance suite starts (docs/sync.md, "Conformance"):
 * `<command> <server-url>`, scenario name in MCP_CONFORMANCE_SCENARIO, scenario data in
 * MCP_CONFORMANCE_CONTEXT. It is Toolgate's sync client (libs/mcp): `listServerTools` exactly as a sync
 * runs it; exit 0 on a complete listing, 1 otherwise.
 *
 * - `auth/*`: the same listing with an OAuth provider: client credentials (SDK providers) or the
 *   authorization-code flow without a browser (conformance-oauth.provider.ts).
 * - `sse-retry` and `auth/scope-step-up`: sync never calls tools, but these scenarios only act on a
 *   tools/call (a resumed stream; a 403 asking for more scopes). They run on the same session layer
 *   (withMcpSession: transport options, reconnection, authorization) and call the scenario's tools.
 */
import { listServerTools, UNRESTRICTED_OUTBOUND_URL_POLICY, withMcpSession, type ListServerToolsOptions, type McpSessionOptions } from '@toolgate/mcp';
import { ClientCredentialsProvider, PrivateKeyJwtProvider } from '@modelcontextprotocol/sdk/client/auth-extensions.js';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { ConformanceOAuthProvider } from './conformance-oauth.provider';

/**
 * The OAuth client of an auth scenario. Machine-to-machine (client credentials, SEP-1046) is what a
 * server-side sync uses: the SDK's own providers, with the credentials the suite passes in the context.
 * (The harness does not know the authorization server's issuer in advance, so it does not pin
 * `expectedIssuer`; a deployment would.)
 */
function authProviderFor(scenario: string, rawContext: string | undefined): OAuthClientProvider {
  const context = rawContext ? (JSON.parse(rawContext) as Record<string, string>) : {};
  if (scenario === 'auth/client-credentials-basic') return new ClientCredentialsProvider({ clientId: context['client_id']!, clientSecret: context['client_secret']! });
  if (scenario === 'auth/client-credentials-jwt') {
    return new PrivateKeyJwtProvider({ clientId: context['client_id']!, privateKey: context['private_key_pem']!, algorithm: context['signing_algorithm'] ?? 'ES256' });
  }
  return ConformanceOAuthProvider.fromEnvironment(rawContext);
}

async function run(url: string, scenario: string): Promise<string> {
  const connection = { transport: 'streamable_http' as const, url };
  // The suite's servers run on localhost: the SSRF guard is for production URLs, not this harness.
  const options: McpSessionOptions & ListServerToolsOptions = { urlPolicy: UNRESTRICTED_OUTBOUND_URL_POLICY, timeoutMs: 20_000, clientInfo: { name: 'toolgate-sync', version: '1.0.0' } };
  if (scenario.startsWith('auth/')) options.authProvider = authProviderFor(scenario, process.env['MCP_CONFORMANCE_CONTEXT']);
  if (scenario === 'sse-retry' || scenario === 'auth/scope-step-up') {
    return withMcpSession(connection, options, async ({ client, signal, requestTimeoutMs }) => {
      const { tools } = await client.listTools(undefined, { signal, timeout: requestTimeoutMs() });
      for (const tool of tools) await client.callTool({ name: tool.name, arguments: {} }, undefined, { signal, timeout: requestTimeoutMs() });
      return `${tools.length} tools called`;
    });
  }
  const listing = await listServerTools(connection, options);
  return `${listing.serverInfo.name} ${listing.serverInfo.version} (${listing.serverInfo.protocolVersion}), ${listing.tools.length} tools`;
}

async function main(): Promise<number> {
  const url = process.argv[process.argv.length - 1];
  const scenario = process.env['MCP_CONFORMANCE_SCENARIO'] ?? '';
  if (!url || !/^https?:\/\//.test(url)) {
    process.stderr.write('usage: toolgate-client <server-url>\n');
    return 2;
  }
  try {
    process.stdout.write(`${scenario}: ${await run(url, scenario)}\n`);
    return 0;
  } catch (error) {
    const e = error as { code?: string; message?: string };
    process.stderr.write(`${scenario}: sync failed (${e.code ?? 'ERROR'}): ${e.message ?? String(error)}\n`);
    return 1;
  }
}

void main().then((code) => {
  process.exitCode = code;
});
