import type { ApiKeyRecord } from '@toolgate/db';
import { z } from 'zod';
import { fromDbRole, ROLES } from './actor';

export const ApiKeyResponseSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.enum(ROLES),
  /** The first characters of the key (`tg_` + 8), to tell keys apart; the rest is never stored. */
  prefix: z.string(),
  expiresAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  createdById: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type ApiKeyResponse = z.infer<typeof ApiKeyResponseSchema>;

export const CreatedApiKeyResponseSchema = ApiKeyResponseSchema.extend({
  /** The key itself, shown ONCE: only its SHA-256 is stored. */
  secret: z.string(),
});
export type CreatedApiKeyResponse = z.infer<typeof CreatedApiKeyResponseSchema>;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toApiKeyResponse(key: ApiKeyRecord): ApiKeyResponse {
  return {
    id: key.id,
    name: key.name,
    role: fromDbRole(key.role),
    prefix: key.prefix,
    expiresAt: iso(key.expiresAt),
    revokedAt: iso(key.revokedAt),
    lastUsedAt: iso(key.lastUsedAt),
    createdById: key.createdById,
    createdAt: key.createdAt.toISOString(),
  };
}
