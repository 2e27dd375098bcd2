import type { Principal } from './jwt.strategy';
import { VerifiedKeyCache } from './verified-key.cache';

describe('VerifiedKeyCache', () => {
  const principal: Principal = { organisationId: 'org', actor: { type: 'API_KEY', id: 'key-1', role: 'ci-agent' } } as Principal;
  let now = 1_000_000;
  const cache = () => new VerifiedKeyCache(5_000, () => now);

  it('trusts a verified key for the TTL only, then asks again', () => {
    const c = cache();
    c.set('hash', 'key-1', principal, null);
    now += 4_999;
    expect(c.get('hash')).toBe(principal);
    now += 1;
    expect(c.get('hash')).toBeUndefined();
  });

  it("never outlives the key's own expiry", () => {
    const c = cache();
    c.set('hash', 'key-1', principal, new Date(now + 1_000));
    now += 1_000;
    expect(c.get('hash')).toBeUndefined();
  });

  it('forgets a revoked key at once', () => {
    const c = cache();
    c.set('hash', 'key-1', principal, null);
    c.set('other', 'key-2', principal, null);
    c.evictKey('key-1');
    expect(c.get('hash')).toBeUndefined();
    expect(c.get('other')).toBe(principal);
  });
});
