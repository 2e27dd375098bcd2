const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * True for a literal IPv4 or IPv6 address (no port, no mask, no zone). CEF's `src` and the database's inet
 * column take only these; anything else (a hostname, "unknown", a forwarded list) is not an address.
 */
export function isIpAddress(value: string): boolean {
  if (IPV4.test(value)) return true;
  if (!value.includes(':') || /[^0-9A-Fa-f:.]/.test(value)) return false;
  try {
    // The WHATWG URL parser implements the full IPv6 grammar (compression, embedded IPv4).
    new URL(`http://[${value}]/`);
    return true;
  } catch {
    return false;
  }
}
