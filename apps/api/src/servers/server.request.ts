import { z } from 'zod';

export const TRANSPORT_VALUES = ['stdio', 'sse', 'streamable_http'] as const;

export const CreateServerRequestSchema = z.object({
  /** Unique in the environment; the namespace of its tools (`<server>/<tool>`). */
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'must be 1-128 letters, digits, ".", "_" or "-", starting with a letter or digit'),
  /** How the server is reached once sync exists (a later issue); stored now, not used yet. */
  transport: z.enum(TRANSPORT_VALUES).default('streamable_http'),
  /** Non-secret connection settings (command and args, or URL). Never put credentials here. */
  connection: z.record(z.string(), z.unknown()).default({}),
  /** Seconds between scheduled syncs; omit for manual sync only. */
  syncIntervalSeconds: z.number().int().min(60).max(604800).optional(),
  enabled: z.boolean().default(true),
});
export type CreateServerRequest = z.infer<typeof CreateServerRequestSchema>;
