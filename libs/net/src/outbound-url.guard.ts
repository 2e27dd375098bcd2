/**
 * The outbound destination guard (sync URLs, notification channels): only http(s); the host must match the
 * allowlist (when one is set); and every address the name resolves to must be public unicast unless private
 * networks are allowed, so a user-configured destination cannot reach the internal network (loopback,
 * RFC 1918, link-local and cloud metadata 169.254.169.254, CGNAT, IPv6 unique-local, IPv4-mapped IPv6 of any
 * of those...).
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { OutboundUrlError } from './outbound-errors';

export interface ResolvedAddress {
  address: string;
  family: number;
}

export interface OutboundUrlPolicy {
  /**
   * Host patterns: `mcp.example.com`, `*.example.com` (any subdomain, not the apex), `localhost:3001`
   * (host and port), `[::1]:8080`, or CIDR ranges `10.0.0.0/8`. Empty: any host (public addresses only).
   */
  allowlist: readonly string[];
  /** Lets every private/loopback/link-local/... address through. Default false. */
  allowPrivateNetworks: boolean;
  /** DNS resolution (all addresses); node:dns lookup by default, replaceable in tests. */
  lookup?: (hostname: string) => Promise<ResolvedAddress[]>;
  /** The settings behind this policy, named in refusals so an operator knows what to change. */
  settingNames?: { allowlist: string; allowPrivateNetworks: string };
}

/** The policy when nothing is configured: any public host, private ranges refused. */
export const DEFAULT_OUTBOUND_URL_POLICY: OutboundUrlPolicy = { allowlist: [], allowPrivateNetworks: false };

/** Trusts every destination (the CLI on a developer's own machine, tests of other behaviour). */
export const UNRESTRICTED_OUTBOUND_URL_POLICY: OutboundUrlPolicy = { allowlist: [], allowPrivateNetworks: true };

const GENERIC_NAMES = { allowlist: 'the allowlist', allowPrivateNetworks: 'allowPrivateNetworks' };

type HostPattern = { kind: 'host'; host: string; wildcard: boolean; port?: string };
type CidrPattern = { kind: 'cidr'; range: [ipaddr.IPv4 | ipaddr.IPv6, number] };
export type AllowlistPattern = HostPattern | CidrPattern;

/** Parses allowlist entries; throws on an entry that is not a host pattern or CIDR (config validation uses it). */
export function parseAllowlist(entries: readonly string[]): AllowlistPattern[] {
  return entries.map((raw) => {
    const entry = raw.trim().toLowerCase();
    if (entry.includes('/')) return { kind: 'cidr', range: ipaddr.parseCIDR(entry) };
    const match = entry.match(/^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/);
    if (!match) throw new Error(`invalid allowlist entry "${raw}"`);
    const host = match[1]!.replace(/^\[|\]$/g, '');
    const wildcard = host.startsWith('*.');
    if (host.includes('*') && (!wildcard || host.slice(2).includes('*'))) throw new Error(`invalid allowlist entry "${raw}": only a leading "*." is allowed`);
    return { kind: 'host', host: wildcard ? host.slice(1) : host, wildcard, ...(match[2] ? { port: match[2] } : {}) };
  });
}

function hostMatches(pattern: HostPattern, hostname: string, port: string): boolean {
  if (pattern.port !== undefined && pattern.port !== port) return false;
  return pattern.wildcard ? hostname.endsWith(pattern.host) && hostname.length > pattern.host.length : hostname === pattern.host;
}

/** IPv4-mapped IPv6 (::ffff:a.b.c.d) is judged as the IPv4 address it carries. */
function normalise(address: string): ipaddr.IPv4 | ipaddr.IPv6 {
  return ipaddr.process(address);
}

async function resolveAll(hostname: string, policy: OutboundUrlPolicy, where: Record<string, unknown>): Promise<ResolvedAddress[]> {
  if (ipaddr.isValid(hostname)) return [{ address: hostname, family: hostname.includes(':') ? 6 : 4 }];
  const lookup = policy.lookup ?? ((name: string) => dnsLookup(name, { all: true, verbatim: true }));
  let addresses: ResolvedAddress[];
  try {
    addresses = await lookup(hostname);
  } catch (error) {
    throw new OutboundUrlError('UNRESOLVABLE', `cannot resolve ${hostname}: ${(error as Error).message}`, { ...where, host: hostname }, { cause: error });
  }
  if (addresses.length === 0) throw new OutboundUrlError('UNRESOLVABLE', `${hostname} resolves to no address`, { ...where, host: hostname });
  return addresses;
}

/**
 * Checks a host and port against the policy, resolving DNS, and returns the checked addresses (connect to
 * one of them, not to the name, so a second DNS answer cannot swap in another address). Throws
 * OutboundUrlError URL_NOT_ALLOWED, or UNRESOLVABLE when the name does not resolve.
 * A private address passes only with allowPrivateNetworks, an exact (non-wildcard) allowlist entry naming
 * this host, or an allowlisted CIDR containing it: a wildcard never opens the internal network.
 */
export async function assertOutboundHostAllowed(
  host: string,
  port: number | string,
  policy: OutboundUrlPolicy = DEFAULT_OUTBOUND_URL_POLICY,
  where: Record<string, unknown> = {},
): Promise<ResolvedAddress[]> {
  const names = policy.settingNames ?? GENERIC_NAMES;
  const hostname = host.replace(/^\[|\]$/g, '').toLowerCase();
  const portText = String(port);
  const patterns = parseAllowlist(policy.allowlist);
  const hostPatterns = patterns.filter((p): p is HostPattern => p.kind === 'host');
  const cidrs = patterns.filter((p): p is CidrPattern => p.kind === 'cidr');
  const byName = hostPatterns.filter((p) => hostMatches(p, hostname, portText));
  const addresses = await resolveAll(hostname, policy, where);

  const inCidr = (ip: ipaddr.IPv4 | ipaddr.IPv6): boolean => cidrs.some(({ range }) => ip.kind() === range[0].kind() && ip.match(range));
  if (patterns.length > 0 && byName.length === 0 && !addresses.every((a) => inCidr(normalise(a.address)))) {
    throw new OutboundUrlError('URL_NOT_ALLOWED', `${hostname}:${portText} is not in ${names.allowlist}`, { ...where, host: hostname, port: portText });
  }
  const explicitlyNamed = byName.some((p) => !p.wildcard);
  for (const { address } of addresses) {
    const ip = normalise(address);
    const range = ip.range();
    if (range === 'unicast' || policy.allowPrivateNetworks || explicitlyNamed || inCidr(ip)) continue;
    throw new OutboundUrlError(
      'URL_NOT_ALLOWED',
      `${hostname} resolves to ${ip.toString()} (${range}), a refused address range; allow it with ${names.allowPrivateNetworks} or an exact (non-wildcard) entry in ${names.allowlist}`,
      { ...where, host: hostname, address: ip.toString(), range },
    );
  }
  return addresses;
}

/**
 * Checks `rawUrl` against the policy (resolving DNS) and returns the parsed URL, or throws OutboundUrlError
 * (see assertOutboundHostAllowed). Details name the URL's origin only: a path or query may hold a token.
 */
export async function assertOutboundUrlAllowed(rawUrl: string, policy: OutboundUrlPolicy = DEFAULT_OUTBOUND_URL_POLICY): Promise<URL> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new OutboundUrlError('URL_NOT_ALLOWED', 'not a valid URL');
  }
  const where = { origin: url.origin };
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundUrlError('URL_NOT_ALLOWED', `only http and https URLs are allowed, not ${url.protocol}`, where);
  if (url.username || url.password) throw new OutboundUrlError('URL_NOT_ALLOWED', 'credentials in the URL are not allowed (use headers)', where);
  await assertOutboundHostAllowed(url.hostname, url.port || (url.protocol === 'https:' ? '443' : '80'), policy, where);
  return url;
}

type FetchFn = typeof fetch;

/**
 * A fetch that checks every request's URL against the policy (DNS answers are judged per request), and does
 * not let fetch follow redirects itself (a Location into the internal network would bypass the check):
 * a caller that follows them does so hop by hop through this function, each hop checked.
 */
export function guardedFetch(policy: OutboundUrlPolicy, base: FetchFn = fetch): FetchFn {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    await assertOutboundUrlAllowed(url, policy);
    return base(input, { ...init, redirect: init?.redirect === 'error' ? 'error' : 'manual' });
  };
}
