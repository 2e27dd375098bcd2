import { assertOutboundUrlAllowed, type OutboundUrlPolicy, parseAllowlist } from './outbound-url.guard';

/** A policy whose DNS answers from a table (no network in unit specs). */
function policy(allowlist: string[], allowPrivateNetworks = false, dns: Record<string, string[]> = {}): OutboundUrlPolicy {
  return {
    allowlist,
    allowPrivateNetworks,
    lookup: async (host) => {
      const addresses = dns[host];
      if (!addresses) throw new Error(`ENOTFOUND ${host}`);
      return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    },
  };
}

const PUBLIC = { 'mcp.example.com': ['93.184.216.34'], 'api.example.com': ['93.184.216.35'], 'evil.test': ['93.184.216.36'] };

describe('assertOutboundUrlAllowed', () => {
  it.each([
    ['loopback IPv4', 'http://127.0.0.1:3001/mcp', 'loopback'],
    ['RFC 1918', 'http://10.0.0.5/mcp', 'private'],
    ['RFC 1918 192.168', 'https://192.168.1.10/mcp', 'private'],
    ['cloud metadata (link-local)', 'http://169.254.169.254/latest/meta-data', 'linkLocal'],
    ['CGNAT', 'http://100.64.1.1/mcp', 'carrierGradeNat'],
    ['unspecified', 'http://0.0.0.0:3000/', 'unspecified'],
    ['loopback IPv6', 'http://[::1]:3001/mcp', 'loopback'],
    ['unique-local IPv6', 'http://[fd00:ec2::254]/', 'uniqueLocal'],
    ['link-local IPv6', 'http://[fe80::1]/', 'linkLocal'],
    ['IPv4-mapped IPv6 of loopback', 'http://[::ffff:127.0.0.1]/', 'loopback'],
    ['IPv4-mapped IPv6 of metadata', 'http://[::ffff:169.254.169.254]/', 'linkLocal'],
    ['NAT64 of a private address', 'http://[64:ff9b::a00:1]/', 'rfc6052'],
  ])('refuses %s', async (_label, url, range) => {
    await expect(assertOutboundUrlAllowed(url, policy([]))).rejects.toMatchObject({ code: 'URL_NOT_ALLOWED', details: { range } });
  });

  it('refuses a public name that resolves to a private address (any of its addresses)', async () => {
    const dns = { 'internal.example.com': ['93.184.216.34', '10.1.2.3'] };
    await expect(assertOutboundUrlAllowed('https://internal.example.com/mcp', policy([], false, dns))).rejects.toMatchObject({ code: 'URL_NOT_ALLOWED', details: { address: '10.1.2.3' } });
  });

  it('allows a public address, and any address with SYNC_ALLOW_PRIVATE_NETWORKS', async () => {
    await expect(assertOutboundUrlAllowed('https://mcp.example.com/mcp', policy([], false, PUBLIC))).resolves.toBeInstanceOf(URL);
    await expect(assertOutboundUrlAllowed('http://10.0.0.5/mcp', policy([], true))).resolves.toBeInstanceOf(URL);
  });

  it('refuses other schemes and credentials in the URL', async () => {
    await expect(assertOutboundUrlAllowed('file:///etc/passwd', policy([], true))).rejects.toMatchObject({ code: 'URL_NOT_ALLOWED' });
    await expect(assertOutboundUrlAllowed('ftp://mcp.example.com/', policy([], true, PUBLIC))).rejects.toMatchObject({ code: 'URL_NOT_ALLOWED' });
    await expect(assertOutboundUrlAllowed('https://user:pw@mcp.example.com/', policy([], true, PUBLIC))).rejects.toMatchObject({ code: 'URL_NOT_ALLOWED' });
  });

  it('with an allowlist, refuses hosts outside it and matches wildcards, ports and CIDRs', async () => {
    const p = policy(['*.example.com', 'localhost:3001', '203.0.113.0/24'], false, { ...PUBLIC, localhost: ['127.0.0.1'], 'example.com': ['93.184.216.1'], 'other.net': ['203.0.113.7'] });
    await expect(assertOutboundUrlAllowed('https://evil.test/mcp', { ...p, lookup: policy([], false, PUBLIC).lookup })).rejects.toMatchObject({ code: 'URL_NOT_ALLOWED', details: { host: 'evil.test' } });
    await expect(assertOutboundUrlAllowed('https://api.example.com/mcp', p)).resolves.toBeInstanceOf(URL);
    // `*.example.com` is subdomains only, not the apex
    await expect(assertOutboundUrlAllowed('https://example.com/mcp', p)).rejects.toMatchObject({ code: 'URL_NOT_ALLOWED' });
    // an exact entry (host:port) explicitly allows its private address, on that port only
    await expect(assertOutboundUrlAllowed('http://localhost:3001/mcp', p)).resolves.toBeInstanceOf(URL);
    await expect(assertOutboundUrlAllowed('http://localhost:3002/mcp', p)).rejects.toMatchObject({ code: 'URL_NOT_ALLOWED' });
    await expect(assertOutboundUrlAllowed('https://other.net/mcp', p)).resolves.toBeInstanceOf(URL);
  });

  it('never lets a wildcard entry open a private address', async () => {
    const p = policy(['*.example.com'], false, { 'db.example.com': ['10.0.0.9'] });
    await expect(assertOutboundUrlAllowed('http://db.example.com/mcp', p)).rejects.toMatchObject({ code: 'URL_NOT_ALLOWED', details: { range: 'private' } });
  });

  it('reports an unresolvable name as CONNECT_FAILED', async () => {
    await expect(assertOutboundUrlAllowed('https://nowhere.invalid/', policy([]))).rejects.toMatchObject({ code: 'CONNECT_FAILED' });
  });

  it('rejects malformed allowlist entries', () => {
    expect(() => parseAllowlist(['foo.*.com'])).toThrow(/only a leading/);
    expect(() => parseAllowlist(['http://x'])).toThrow();
  });
});
