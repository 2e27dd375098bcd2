import { createHash } from 'node:crypto';
import { generateApiKey, hashApiKey, looksLikeApiKey } from './api-key-secret';

describe('API key secrets', () => {
  it('are tg_ + 32 random bytes base64url, stored as their SHA-256 with a tg_ + 8 character prefix', () => {
    const { secret, hash, prefix } = generateApiKey();
    expect(secret).toMatch(/^tg_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.slice(3), 'base64url')).toHaveLength(32);
    expect(hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(prefix).toBe(secret.slice(0, 11));
    expect(hashApiKey(secret)).toBe(hash);
    expect(looksLikeApiKey(secret)).toBe(true);
    expect(looksLikeApiKey('eyJhbGciOiJIUzI1NiJ9.e30.x')).toBe(false);
  });

  it('never repeat', () => {
    const secrets = new Set(Array.from({ length: 1000 }, () => generateApiKey().secret));
    expect(secrets.size).toBe(1000);
  });
});
