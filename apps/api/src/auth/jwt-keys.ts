import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import type { Config } from '@toolgate/config';
import { createRemoteJWKSet } from 'jose';

/** The algorithms a token may use, pinned by the configured keys: HS256 for JWT_SECRET, RS256/ES256 for public keys. */
export type JwtAlgorithm = 'HS256' | 'RS256' | 'ES256';

/** Looks up the verification key for a token header; undefined when no configured key fits (the token is refused). */
export interface JwtKeys {
  algorithms: JwtAlgorithm[];
  keyFor(header: { alg?: unknown; kid?: unknown }): Promise<string | KeyObject | undefined>;
}

function algorithmOf(key: KeyObject): JwtAlgorithm | undefined {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec') return 'ES256';
  return undefined;
}

/**
 * The key is chosen by the header's `alg` among keys of the matching kind, so a token can never get
 * an RSA public key used as an HMAC secret (the classic algorithm-confusion attack); jsonwebtoken
 * additionally checks that the key type fits the algorithm.
 */
export function jwtKeys(config: Pick<Config, 'JWT_SECRET' | 'JWT_PUBLIC_KEY' | 'JWKS_URL'>): JwtKeys {
  const algorithms = new Set<JwtAlgorithm>();
  // A KeyObject made once: given a string, jsonwebtoken first tries (and fails) to parse it as a public
  // key on every verification, which cost ~0.5 ms of CPU per request.
  const secret = config.JWT_SECRET ? createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8')) : undefined;
  if (secret) algorithms.add('HS256');
  const publicKey = config.JWT_PUBLIC_KEY ? createPublicKey(config.JWT_PUBLIC_KEY) : undefined;
  const publicAlgorithm = publicKey ? algorithmOf(publicKey) : undefined;
  if (publicKey && !publicAlgorithm) throw new Error('JWT_PUBLIC_KEY must be an RSA or EC public key');
  if (publicAlgorithm) algorithms.add(publicAlgorithm);
  // jose caches the key set and refetches on an unknown kid (at most every 30 s).
  const jwks = config.JWKS_URL ? createRemoteJWKSet(new URL(config.JWKS_URL)) : undefined;
  if (jwks) ['RS256', 'ES256'].forEach((alg) => algorithms.add(alg as JwtAlgorithm));

  return {
    algorithms: [...algorithms],
    async keyFor(header) {
      const alg = header.alg;
      if (alg === 'HS256') return secret;
      if (alg !== 'RS256' && alg !== 'ES256') return undefined;
      if (publicKey && alg === publicAlgorithm) return publicKey;
      if (!jwks) return undefined;
      const key = await jwks({ alg, kid: typeof header.kid === 'string' ? header.kid : undefined });
      return key as KeyObject;
    },
  };
}

/** The decoded JOSE header of a compact JWT, or undefined when it is not one. */
export function decodeHeader(token: string): { alg?: unknown; kid?: unknown } | undefined {
  const [encoded] = token.split('.', 1);
  try {
    const header: unknown = JSON.parse(Buffer.from(encoded ?? '', 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null ? header : undefined;
  } catch {
    return undefined;
  }
}
