import { ValidationError } from '@toolgate/config';
import { z } from 'zod';
import { ToolDefinitionRequestSchema } from '../tools/tool.request';

/**
 * The CI gate's body: the tools a pipeline is about to ship for one server. Validated all-or-nothing;
 * a 400 names the field (`body.tools[2].inputSchema`).
 */
export const CiCheckRequestSchema = z
  .object({
    /** Environment name or id. */
    environment: z.string().min(1).max(128),
    server: z.string().min(1).max(128),
    tools: z.array(ToolDefinitionRequestSchema).min(1).max(1000),
    /** Also register the tools: ACTIVE when they pass, BLOCKED when they reach the blocking severity. */
    register: z.boolean().default(false),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.tools.forEach((tool, index) => {
      if (seen.has(tool.name)) ctx.addIssue({ code: 'custom', path: ['tools', index, 'name'], message: `duplicate tool name "${tool.name}"` });
      seen.add(tool.name);
    });
  });
export type CiCheckRequest = z.infer<typeof CiCheckRequestSchema>;

const IdempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,255}$/, 'must be 1-255 printable ASCII characters');

/** The `Idempotency-Key` header (a client-chosen token, typically a UUID), or undefined when absent. */
export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const result = IdempotencyKeySchema.safeParse(header);
  if (result.success) return result.data;
  const issue = { path: 'headers.idempotency-key', message: result.error.issues[0]!.message };
  throw new ValidationError(`${issue.path}: ${issue.message}`, { issues: [issue] });
}
