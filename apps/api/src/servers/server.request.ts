import { MIN_SYNC_INTERVAL_SECONDS } from '@toolgate/jobs';
import { z } from 'zod';

export const TRANSPORT_VALUES = ['stdio', 'sse', 'streamable_http'] as const;
export type TransportName = (typeof TRANSPORT_VALUES)[number];

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'must be an environment variable name');
const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/, 'must be an HTTP header name');

/**
 * stdio: the command and args run by the worker (admins only, docs/sync.md#connections). `env` values are
 * SECRETS: sealed at rest, never returned (responses list their names).
 */
export const StdioConnectionRequestSchema = z.strictObject({
  command: z.string().min(1).max(1024),
  args: z.array(z.string().max(4096)).max(100).default([]),
  cwd: z.string().min(1).max(1024).optional(),
  env: z.record(envName, z.string().max(16384)).optional(),
});

/** SSE or Streamable HTTP: the URL (checked against the sync URL allowlist). `headers` values are SECRETS. */
export const HttpConnectionRequestSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048),
  headers: z.record(headerName, z.string().max(16384)).optional(),
});

export type StdioConnectionRequest = z.output<typeof StdioConnectionRequestSchema>;
export type HttpConnectionRequest = z.output<typeof HttpConnectionRequestSchema>;
export type ConnectionRequest = StdioConnectionRequest | HttpConnectionRequest;

const interval = z
  .number()
  .int()
  .min(MIN_SYNC_INTERVAL_SECONDS, `must be at least ${MIN_SYNC_INTERVAL_SECONDS} seconds`)
  .max(604800)
  .describe('Seconds between scheduled syncs (a BullMQ job scheduler per server); null or absent: manual sync only.');

/** The connection's shape depends on the transport; `{}` is a server used only as a registration namespace. */
const connectionField = z
  .record(z.string(), z.unknown())
  .describe('stdio: {command, args?, cwd?, env?}; sse / streamable_http: {url, headers?}. env and header values are secrets (write-only). `{}`: not synced.');

export const CreateServerRequestSchema = z.object({
  /** Unique in the environment; the namespace of its tools (`<server>/<tool>`). */
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'must be 1-128 letters, digits, ".", "_" or "-", starting with a letter or digit'),
  transport: z.enum(TRANSPORT_VALUES).default('streamable_http'),
  connection: connectionField.default({}),
  syncIntervalSeconds: interval.optional(),
  enabled: z.boolean().default(true),
});
export type CreateServerRequest = z.infer<typeof CreateServerRequestSchema>;

/**
 * A change: absent fields are kept. `connection` replaces the connection; its `env`/`headers`, when present,
 * replace the stored secrets (`{}` clears them), when absent keep them (same transport only).
 */
export const UpdateServerRequestSchema = z
  .object({
    transport: z.enum(TRANSPORT_VALUES).optional(),
    connection: connectionField.optional(),
    syncIntervalSeconds: interval.nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'must change at least one field');
export type UpdateServerRequest = z.infer<typeof UpdateServerRequestSchema>;

/** Parses a connection for its transport; throws the zod error with paths under `connection`. */
export function connectionSchemaFor(transport: TransportName): typeof StdioConnectionRequestSchema | typeof HttpConnectionRequestSchema {
  return transport === 'stdio' ? StdioConnectionRequestSchema : HttpConnectionRequestSchema;
}
