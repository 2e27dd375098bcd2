import { z } from 'zod';

// Building blocks for the environment schema. Messages are predicates ("must be ...") because the
// loader prefixes them with the variable name: "DATABASE_URL must be a postgres:// URL".

const REQUIRED = 'is required';

/** A URL whose scheme is one of `schemes` (e.g. `postgres:`), checked with the WHATWG parser. */
export function urlWithScheme(schemes: readonly string[], description: string) {
  const message = `must be a ${description} URL`;
  return z.string({ error: REQUIRED }).refine((value) => {
    if (!URL.canParse(value)) return false;
    return schemes.includes(new URL(value).protocol);
  }, message);
}

/** Any http(s) URL (provider endpoints, JWKS). */
export const httpUrl = () => urlWithScheme(['http:', 'https:'], 'http(s)://');

/** An integer in [min, max], given as a decimal string. */
export function integer(min: number, max: number) {
  const range = `must be an integer between ${min} and ${max}`;
  return z
    .string({ error: REQUIRED })
    .regex(/^-?\d+$/, range)
    .transform(Number)
    .pipe(z.number().int().min(min, range).max(max, range));
}

/** A decimal number in [min, max], given as a string (e.g. a sampling temperature). */
export function decimal(min: number, max: number) {
  const range = `must be a number between ${min} and ${max}`;
  return z
    .string({ error: REQUIRED })
    .regex(/^\d+(\.\d+)?$/, range)
    .transform(Number)
    .pipe(z.number().min(min, range).max(max, range));
}

/** One of a fixed list of words; the message lists them. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of ${values.join(', ')}` });
}

/** A duration like `15m`, `1h`, `7d` (the format JWT libraries accept as `expiresIn`). */
export const duration = () =>
  z.string({ error: REQUIRED }).regex(/^\d+[smhd]$/, 'must be a duration like 15m, 1h or 7d');

/** 32 random bytes, base64-encoded: the key for AES-256-GCM encryption of stored secrets. */
export const base64Key32 = () =>
  z.string().refine((value) => {
    const bytes = Buffer.from(value, 'base64');
    return bytes.length === 32 && bytes.toString('base64') === value;
  }, 'must be 32 bytes encoded as base64 (generate one with: openssl rand -base64 32)');

/**
 * A comma-separated outbound host allowlist (SYNC_URL_ALLOWLIST, NOTIFY_URL_ALLOWLIST): `host`, `*.domain`,
 * `host:port`, `[v6]:port` or CIDR entries; parsed into trimmed entries (the @toolgate/net guard matches them).
 */
export const hostAllowlist = () =>
  z
    .string()
    .refine(
      (value) => value.split(',').every((part) => /^(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$|^[0-9A-Fa-f:.]+\/\d{1,3}$/.test(part.trim())),
      'must be a comma-separated list of host patterns (host, *.domain, host:port, [v6]:port) or CIDR ranges',
    )
    .transform((value) => value.split(',').map((part) => part.trim()))
    .default([]);
