/**
 * The sync side of the outbound URL guard. The guard itself lives in @toolgate/net (notification channels use
 * it too); this wrapper names the sync settings in refusals and keeps sync's error contract: every failure is
 * an McpSyncError (URL_NOT_ALLOWED, or CONNECT_FAILED for a name that does not resolve).
 */
import { assertOutboundUrlAllowed as assertAllowed, connectionGuardedFetch, DEFAULT_OUTBOUND_URL_POLICY, guardedFetch as netGuardedFetch, isOutboundUrlError, type OutboundUrlPolicy } from '@toolgate/net';
import { McpSyncError } from './mcp-sync.errors';

export { DEFAULT_OUTBOUND_URL_POLICY, UNRESTRICTED_OUTBOUND_URL_POLICY, parseAllowlist, type OutboundUrlPolicy, type ResolvedAddress } from '@toolgate/net';

const SYNC_SETTINGS = { allowlist: 'SYNC_URL_ALLOWLIST', allowPrivateNetworks: 'SYNC_ALLOW_PRIVATE_NETWORKS' };

function forSync(policy: OutboundUrlPolicy): OutboundUrlPolicy {
  return { settingNames: SYNC_SETTINGS, ...policy };
}

function toSyncError(error: unknown, rawUrl: string): unknown {
  if (!isOutboundUrlError(error)) return error;
  let where: Record<string, unknown> = { url: rawUrl };
  try {
    const url = new URL(rawUrl);
    where = { url: `${url.origin}${url.pathname}` };
  } catch {
    // not a URL: keep the raw text, as before the guard moved
  }
  const { origin: _origin, ...details } = error.details;
  return new McpSyncError(error.code === 'UNRESOLVABLE' ? 'CONNECT_FAILED' : 'URL_NOT_ALLOWED', error.message, { ...where, ...details }, { cause: error });
}

/** assertOutboundUrlAllowed of @toolgate/net with the sync settings named; throws McpSyncError. */
export async function assertOutboundUrlAllowed(rawUrl: string, policy: OutboundUrlPolicy = DEFAULT_OUTBOUND_URL_POLICY): Promise<URL> {
  try {
    return await assertAllowed(rawUrl, forSync(policy));
  } catch (error) {
    throw toSyncError(error, rawUrl);
  }
}

type FetchFn = typeof fetch;

/**
 * guardedFetch of @toolgate/net for sync (the SSE transport POSTs to an endpoint the server names, and OAuth
 * discovery fetches other URLs): every request is checked; the SDK follows same-origin redirects hop by hop
 * through this function. `wrap` decorates the connection-guarded fetch underneath (the response size cap):
 * the addresses a connection uses are judged again at connect time (DNS rebinding). A refusal is an McpSyncError.
 */
export function guardedFetch(policy: OutboundUrlPolicy, wrap: (base: FetchFn) => FetchFn = (base) => base): FetchFn {
  const named = forSync(policy);
  const inner = netGuardedFetch(named, wrap(connectionGuardedFetch(named)));
  return async (input, init) => {
    try {
      return await inner(input, init);
    } catch (error) {
      throw toSyncError(error, typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    }
  };
}
