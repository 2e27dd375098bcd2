import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardedFetch } from './guarded-fetch';
import { assertOutboundHostAllowed, assertOutboundUrlAllowed, type OutboundUrlPolicy } from './outbound-url.guard';

const NOTIFY = { allowlist: 'NOTIFY_URL_ALLOWLIST', allowPrivateNetworks: 'NOTIFY_ALLOW_PRIVATE_NETWORKS' };

/** DNS from a table (no network in unit specs). */
function policy(allowlist: string[], allowPrivateNetworks = false, dns: Record<string, string[]> = {}): OutboundUrlPolicy {
  return {
    allowlist,
    allowPrivateNetworks,
    settingNames: NOTIFY,
    lookup: async (host) => {
      const addresses = dns[host];
      if (!addresses) throw new Error(`ENOTFOUND ${host}`);
      return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    },
  };
}

describe('assertOutboundHostAllowed (SMTP hosts)', () => {
  const dns = { 'smtp.example.com': ['93.184.216.40'], 'mail.internal.example.com': ['10.20.0.5'], 'rebind.example.com': ['93.184.216.41', '169.254.169.254'] };

  it('returns the checked addresses of a public host, to connect to instead of the name', async () => {
    await expect(assertOutboundHostAllowed('smtp.example.com', 587, policy([], false, dns))).resolves.toEqual([{ address: '93.184.216.40', family: 4 }]);
  });

  it('refuses a name with any private answer, naming the address, range and the settings to change', async () => {
    const refused = assertOutboundHostAllowed('rebind.example.com', 25, policy([], false, dns));
    await expect(refused).rejects.toMatchObject({ code: 'URL_NOT_ALLOWED', details: { host: 'rebind.example.com', address: '169.254.169.254', range: 'linkLocal' } });
    await expect(refused).rejects.toThrow(/NOTIFY_ALLOW_PRIVATE_NETWORKS or an exact \(non-wildcard\) entry in NOTIFY_URL_ALLOWLIST/);
  });

  it('matches allowlist ports against the SMTP port; a wildcard does not open a private address, an exact entry does', async () => {
    await expect(assertOutboundHostAllowed('smtp.example.com', 25, policy(['smtp.example.com:587'], false, dns))).rejects.toThrow(/smtp\.example\.com:25 is not in NOTIFY_URL_ALLOWLIST/);
    await expect(assertOutboundHostAllowed('smtp.example.com', 587, policy(['smtp.example.com:587'], false, dns))).resolves.toHaveLength(1);
    await expect(assertOutboundHostAllowed('mail.internal.example.com', 587, policy(['*.example.com'], false, dns))).rejects.toMatchObject({ details: { range: 'private' } });
    await expect(assertOutboundHostAllowed('mail.internal.example.com', 587, policy(['mail.internal.example.com'], false, dns))).resolves.toHaveLength(1);
  });

  it('reports an unresolvable name as UNRESOLVABLE', async () => {
    await expect(assertOutboundHostAllowed('nowhere.example.com', 25, policy([], false, dns))).rejects.toMatchObject({ code: 'UNRESOLVABLE' });
  });
});

describe('assertOutboundUrlAllowed details', () => {
  it('name the origin only: the path and query of a webhook URL may be its token', async () => {
    const error = await assertOutboundUrlAllowed('http://10.0.0.1/services/T000/B000/XXXXSECRET?token=abc', policy([])).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'URL_NOT_ALLOWED', details: { origin: 'http://10.0.0.1', range: 'private' } });
    expect(JSON.stringify((error as { details: unknown }).details)).not.toContain('SECRET');
    expect((error as Error).message).not.toContain('SECRET');
  });
});

describe('guardedFetch', () => {
  let server: Server;
  let hits: string[];
  let base: string;
  beforeAll(async () => {
    hits = [];
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/redirect') res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      else res.writeHead(200).end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('refuses a private destination before any request is made', async () => {
    hits.length = 0;
    await expect(guardedFetch(policy([]))(`${base}/hook`, { method: 'POST' })).rejects.toMatchObject({ code: 'URL_NOT_ALLOWED', details: { range: 'loopback' } });
    expect(hits).toEqual([]);
  });

  it('does not follow a redirect: the 302 comes back to the caller, whatever redirect mode was asked for', async () => {
    hits.length = 0;
    const response = await guardedFetch(policy(['127.0.0.1']))(`${base}/redirect`, { method: 'POST', redirect: 'follow' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('http://169.254.169.254/latest/meta-data/');
    expect(hits).toEqual(['/redirect']);
  });

  // At connection time (DNS rebinding): the connection resolves the name through the guard once more.
  it('connects to the address the guard judged: a name only the policy\'s lookup knows reaches the server', async () => {
    hits.length = 0;
    // `hooks.example.test` is in no real DNS: the request can only have connected through the policy's answer.
    const response = await guardedFetch(policy(['hooks.example.test'], false, { 'hooks.example.test': ['127.0.0.1'] }))(`http://hooks.example.test:${new URL(base).port}/hook`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(hits).toEqual(['/hook']);
  });

  it('refuses a name whose second answer (the connection\'s) is private, though the first (the check\'s) was public', async () => {
    hits.length = 0;
    let calls = 0;
    const rebinding: OutboundUrlPolicy = {
      allowlist: [],
      allowPrivateNetworks: false,
      settingNames: NOTIFY,
      lookup: async () => [{ address: calls++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 }],
    };
    const refused = guardedFetch(rebinding)(`http://rebind.example.test:${new URL(base).port}/hook`, { method: 'POST' });
    await expect(refused).rejects.toMatchObject({ code: 'URL_NOT_ALLOWED', details: { host: 'rebind.example.test', address: '127.0.0.1', range: 'loopback' } });
    expect(calls).toBe(2);
    expect(hits).toEqual([]);
  });

  it('refuses at connection time a name that left the allowlisted CIDR', async () => {
    let calls = 0;
    const moving: OutboundUrlPolicy = {
      allowlist: ['127.0.0.0/8'],
      allowPrivateNetworks: false,
      lookup: async () => [{ address: calls++ === 0 ? '127.0.0.1' : '10.1.2.3', family: 4 }],
    };
    await expect(guardedFetch(moving)(`http://moving.example.test:${new URL(base).port}/`)).rejects.toMatchObject({ code: 'URL_NOT_ALLOWED', details: { host: 'moving.example.test' } });
  });
});
