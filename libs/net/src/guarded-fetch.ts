/**
 * The outbound guard at connection time. assertOutboundUrlAllowed resolves a name and judges its addresses,
 * but a plain fetch then resolves the name again to connect: a DNS server that answers a public address to
 * the check and 169.254.169.254 to the connection (DNS rebinding) would get through. Here the connection's
 * own lookup is the guard: undici connects only to addresses that this lookup returned and judged.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';
import { isOutboundUrlError, OutboundUrlError } from './outbound-errors';
import { assertConnectAddressesAllowed, assertOutboundUrlAllowed, type OutboundUrlPolicy, type ResolvedAddress } from './outbound-url.guard';

type FetchFn = typeof fetch;

function resolve(hostname: string, policy: OutboundUrlPolicy): Promise<ResolvedAddress[]> {
  if (policy.lookup) return policy.lookup(hostname);
  return new Promise((done, fail) => dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? fail(error) : done(addresses))));
}

/** A `net.connect` lookup that resolves the name (all addresses), judges them by the policy, and answers only with them. */
export function guardedLookup(policy: OutboundUrlPolicy): LookupFunction {
  return (hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    resolve(hostname, policy)
      .catch((error: unknown) => {
        throw new OutboundUrlError('UNRESOLVABLE', `cannot resolve ${hostname}: ${(error as Error).message}`, { host: hostname }, { cause: error });
      })
      .then((all) => {
        assertConnectAddressesAllowed(hostname, all, policy);
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        const usable = family === 4 || family === 6 ? all.filter((a) => a.family === family) : all;
        if (usable.length === 0) throw new OutboundUrlError('UNRESOLVABLE', `${hostname} has no IPv${family} address`, { host: hostname });
        if (options.all) callback(null, usable.map((a) => ({ address: a.address, family: a.family })));
        else callback(null, usable[0]!.address, usable[0]!.family);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, ''));
  };
}

/**
 * fetch (undici's, Node's own implementation) through an agent whose connections resolve names with
 * guardedLookup. One agent per call: its pooled connections are only ever to addresses this policy allowed.
 */
export function connectionGuardedFetch(policy: OutboundUrlPolicy): FetchFn {
  const dispatcher = new Agent({ connect: { lookup: guardedLookup(policy) } });
  return ((input: Parameters<FetchFn>[0], init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher })) as unknown as FetchFn;
}

/**
 * A fetch that checks every request's URL against the policy (DNS answers are judged per request), and does
 * not let fetch follow redirects itself (a Location into the internal network would bypass the check):
 * a caller that follows them does so hop by hop through this function, each hop checked.
 * By default the request goes through connectionGuardedFetch, which judges again the addresses the
 * connection actually uses, so a DNS answer that changes between the check and the connection (DNS
 * rebinding) cannot reach a refused address. A refusal at either point is an OutboundUrlError.
 */
export function guardedFetch(policy: OutboundUrlPolicy, base: FetchFn = connectionGuardedFetch(policy)): FetchFn {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    await assertOutboundUrlAllowed(url, policy);
    try {
      return await base(input, { ...init, redirect: init?.redirect === 'error' ? 'error' : 'manual' });
    } catch (error) {
      // fetch reports a refused connection as TypeError("fetch failed") with the refusal as its cause.
      const cause = (error as { cause?: unknown }).cause;
      throw isOutboundUrlError(cause) ? cause : error;
    }
  };
}
