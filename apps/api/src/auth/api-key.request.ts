import { z } from 'zod';
import { ROLES } from './actor';

export const CreateApiKeyRequestSchema = z.object({
  name: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  /** When the key stops working; omitted = never (revoke it instead). Must be in the future. */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequestSchema>;
