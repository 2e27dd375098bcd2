import { createHash, randomBytes } from 'node:crypto';

/** Every key starts with this, so a credential's kind is known without a lookup (and secret scanners can match it). */
export const API_KEY_PREFIX = 'tg_';

// Shown in listings so a person can tell keys apart: "tg_" plus 8 characters, 48 bits; the
// remaining 208 bits stay secret.
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;

/** A new key: `tg_` + 32 random bytes, base64url (43 characters). */
export function generateApiKey(): { secret: string; hash: string; prefix: string } {
  const secret = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashApiKey(secret), prefix: secret.slice(0, DISPLAY_PREFIX_LENGTH) };
}

/**
 * SHA-256 hex of the whole key. A fast hash is right here: the secret has 256 bits of entropy, so
 * there is nothing to brute-force, and the CI gate verifies a key on every call (docs/security.md).
 */
export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function looksLikeApiKey(credential: string): boolean {
  return credential.startsWith(API_KEY_PREFIX);
}
