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

function inCidr(cidrs: readonly CidrPattern[], ip: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  return cidrs.some(({ range }) => ip.kind() === range[0].kind() && ip.match(range));
}

/**
 * Every address must be public unicast, unless private networks are allowed, an exact (non-wildcard) entry
 * of `byName` names the host, or an allowlisted CIDR holds the address.
 */
function assertAddressesAllowed(hostname: string, addresses: readonly ResolvedAddress[], byName: readonly HostPattern[], cidrs: readonly CidrPattern[], policy: OutboundUrlPolicy, where: Record<string, unknown>): void {
  const names = policy.settingNames ?? GENERIC_NAMES;
  const explicitlyNamed = byName.some((p) => !p.wildcard);
  for (const { address } of addresses) {
    const ip = normalise(address);
    const range = ip.range();
    if (range === 'unicast' || policy.allowPrivateNetworks || explicitlyNamed || inCidr(cidrs, ip)) continue;
    throw new OutboundUrlError(
      'URL_NOT_ALLOWED',
      `${hostname} resolves to ${ip.toString()} (${range}), a refused address range; allow it with ${names.allowPrivateNetworks} or an exact (non-wildcard) entry in ${names.allowlist}`,
      { ...where, host: hostname, address: ip.toString(), range },
    );
  }
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

  if (patterns.length > 0 && byName.length === 0 && !addresses.every((a) => inCidr(cidrs, normalise(a.address)))) {
    throw new OutboundUrlError('URL_NOT_ALLOWED', `${hostname}:${portText} is not in ${names.allowlist}`, { ...where, host: hostname, port: portText });
  }
  assertAddressesAllowed(hostname, addresses, byName, cidrs, policy, where);
  return addresses;
}

/**
 * The same judgement at connection time, on the addresses the connection is about to use (see
 * connection-guard.ts): the port was checked with the URL, so host entries match whatever their port.
 */
export function assertConnectAddressesAllowed(host: string, addresses: readonly ResolvedAddress[], policy: OutboundUrlPolicy): void {
  const names = policy.settingNames ?? GENERIC_NAMES;
  const hostname = host.replace(/^\[|\]$/g, '').toLowerCase();
  const patterns = parseAllowlist(policy.allowlist);
  const cidrs = patterns.filter((p): p is CidrPattern => p.kind === 'cidr');
  const byName = patterns.filter((p): p is HostPattern => p.kind === 'host' && hostMatches({ ...p, port: undefined }, hostname, ''));
  const where = { host: hostname };
  if (addresses.length === 0) throw new OutboundUrlError('UNRESOLVABLE', `${hostname} resolves to no address`, where);
  if (patterns.length > 0 && byName.length === 0 && !addresses.every((a) => inCidr(cidrs, normalise(a.address)))) {
    throw new OutboundUrlError('URL_NOT_ALLOWED', `${hostname} is not in ${names.allowlist}`, where);
  }
  assertAddressesAllowed(hostname, addresses, byName, cidrs, policy, where);
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
