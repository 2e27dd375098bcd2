import { z } from 'zod';

export const LoginRequestSchema = z.object({
  email: z.email().max(320),
  // Bounded so a megabyte "password" cannot make scrypt hash a megabyte.
  password: z.string().min(1).max(1024),
  /** Organisation slug; needed only when the email exists in several organisations. */
  organisation: z.string().min(1).max(100).optional(),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const LoginResponseSchema = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresAt: z.iso.datetime(),
  user: z.object({ id: z.uuid(), email: z.string(), role: z.string(), organisationId: z.uuid() }),
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const WhoAmIResponseSchema = z.object({
  organisationId: z.uuid(),
  actor: z.object({ type: z.enum(['USER', 'API_KEY', 'SYSTEM']), id: z.string().nullable(), role: z.string() }),
});
export type WhoAmIResponse = z.infer<typeof WhoAmIResponseSchema>;
