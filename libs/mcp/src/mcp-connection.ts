/** How Toolgate reaches a live MCP server: schema first, types inferred (CONVENTIONS, MCP SDK style). */
import { z } from 'zod';

const Headers = z.record(z.string(), z.string());

export const StdioConnectionSchema = z.object({
  transport: z.literal('stdio'),
  command: z.string().min(1, 'must be a non-empty string'),
  args: z.array(z.string()).default([]),
  /** Added to the SDK's safe default environment (HOME, PATH, ...); the parent's other variables are not inherited. */
  env: z.record(z.string(), z.string()).optional(),
  cwd: z.string().optional(),
});

export const SseConnectionSchema = z.object({
  transport: z.literal('sse'),
  url: z.string().url(),
  headers: Headers.optional(),
});

export const StreamableHttpConnectionSchema = z.object({
  transport: z.literal('streamable_http'),
  url: z.string().url(),
  headers: Headers.optional(),
});

export const McpConnectionSchema = z.discriminatedUnion('transport', [StdioConnectionSchema, SseConnectionSchema, StreamableHttpConnectionSchema]);

export type StdioConnection = z.input<typeof StdioConnectionSchema>;
export type SseConnection = z.infer<typeof SseConnectionSchema>;
export type StreamableHttpConnection = z.infer<typeof StreamableHttpConnectionSchema>;
/** One of the three MCP transports. */
export type McpConnection = StdioConnection | SseConnection | StreamableHttpConnection;
export type McpTransportKind = McpConnection['transport'];

/** A short, secret-free label of a connection for logs and errors: the command or the URL's origin and path. */
export function describeConnection(connection: McpConnection): string {
  if (connection.transport === 'stdio') return `stdio:${connection.command}`;
  try {
    const url = new URL(connection.url);
    return `${connection.transport}:${url.origin}${url.pathname}`;
  } catch {
    return `${connection.transport}:<invalid url>`;
  }
}
