import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { decodeHeader, jwtKeys } from './jwt-keys';
import { roleFromClaim } from './jwt.strategy';

const pem = (type: 'rsa' | 'ec') =>
  (type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' })).publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('JWT keys: the algorithm is pinned by the configured keys', () => {
  const secret = 'x'.repeat(32);

  it('allows only HS256 with a secret alone, and hands the secret to HS256 tokens only', async () => {
    const keys = jwtKeys({ JWT_SECRET: secret, JWT_PUBLIC_KEY: undefined, JWKS_URL: undefined });
    expect(keys.algorithms).toEqual(['HS256']);
    const hmac = (await keys.keyFor({ alg: 'HS256' })) as KeyObject;
    expect(hmac.type).toBe('secret');
    expect(hmac.export().toString('utf8')).toBe(secret);
    await expect(keys.keyFor({ alg: 'RS256' })).resolves.toBeUndefined();
    await expect(keys.keyFor({ alg: 'none' })).resolves.toBeUndefined();
  });

  it('derives RS256 or ES256 from the public key type, and never gives the public key to an HS256 token', async () => {
    const rsa = jwtKeys({ JWT_SECRET: undefined, JWT_PUBLIC_KEY: pem('rsa'), JWKS_URL: undefined });
    expect(rsa.algorithms).toEqual(['RS256']);
    await expect(rsa.keyFor({ alg: 'HS256' })).resolves.toBeUndefined();
    await expect(rsa.keyFor({ alg: 'ES256' })).resolves.toBeUndefined();
    await expect(rsa.keyFor({ alg: 'RS256' })).resolves.toMatchObject({ asymmetricKeyType: 'rsa' });

    const ec = jwtKeys({ JWT_SECRET: secret, JWT_PUBLIC_KEY: pem('ec'), JWKS_URL: undefined });
    expect(ec.algorithms).toEqual(['HS256', 'ES256']);
    await expect(ec.keyFor({ alg: 'ES256' })).resolves.toMatchObject({ asymmetricKeyType: 'ec' });
  });

  it('reads the header of a compact JWT and rejects anything else', () => {
    const header = Buffer.from('{"alg":"RS256","kid":"k1"}').toString('base64url');
    expect(decodeHeader(`${header}.e30.sig`)).toEqual({ alg: 'RS256', kid: 'k1' });
    expect(decodeHeader('not-base64-json')).toBeUndefined();
  });
});

describe('role claim', () => {
  it('takes the highest Toolgate role named, case-insensitively, ignoring unknown roles', () => {
    expect(roleFromClaim(['viewer', 'Reviewer', 'offline_access'])).toBe('reviewer');
    expect(roleFromClaim('ADMIN')).toBe('admin');
    expect(roleFromClaim(['ci_agent', 'developer'])).toBe('developer');
    expect(roleFromClaim('CI_AGENT')).toBe('ci-agent');
    expect(roleFromClaim(['superuser'])).toBeUndefined();
    expect(roleFromClaim(undefined)).toBeUndefined();
  });
});
