import { z } from 'zod';
import { SEVERITY_VALUES, STAGE_VALUES } from '../environments/environment.request';
import { PageQuerySchema } from '../registry/page.request';

const JsonObject = z.record(z.string(), z.unknown());

/**
 * A tool definition as an MCP server lists it (`tools/list` item). Unknown top-level fields (`_meta`,
 * `icons`) are dropped: the stored, hashed definition is exactly what agents are judged on.
 */
export const ToolDefinitionRequestSchema = z.object({
  name: z.string().min(1).max(128),
  title: z.string().optional(),
  description: z.string(),
  inputSchema: JsonObject,
  outputSchema: JsonObject.optional(),
  annotations: JsonObject.optional(),
});
export type ToolDefinitionRequest = z.infer<typeof ToolDefinitionRequestSchema>;

const ServerName = z.string().min(1).max(128);

export const RegisterToolRequestSchema = ToolDefinitionRequestSchema.extend({ server: ServerName });
export type RegisterToolRequest = z.infer<typeof RegisterToolRequestSchema>;

/** `tools/list`-shaped: `{ server, tools: [...] }`. Validated all-or-nothing; errors name `tools[i].field`. */
export const BulkRegisterRequestSchema = z
  .object({ server: ServerName, tools: z.array(ToolDefinitionRequestSchema).min(1).max(1000) })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.tools.forEach((tool, index) => {
      if (seen.has(tool.name)) ctx.addIssue({ code: 'custom', path: ['tools', index, 'name'], message: `duplicate tool name "${tool.name}"` });
      seen.add(tool.name);
    });
  });
export type BulkRegisterRequest = z.infer<typeof BulkRegisterRequestSchema>;

export const TOOL_STATUS_VALUES = ['PENDING_ANALYSIS', 'ACTIVE', 'BLOCKED', 'REJECTED', 'REMOVED'] as const;

export const ToolListQuerySchema = PageQuerySchema.extend({
  server: ServerName.optional(),
  status: z.enum(TOOL_STATUS_VALUES).optional(),
  /** Case-insensitive substring of the tool name. */
  name: z.string().min(1).max(128).optional(),
});
export type ToolListQuery = z.infer<typeof ToolListQuerySchema>;

/** Dry-run options; each defaults to the environment's policy. */
export const CheckQuerySchema = z.object({
  /** Comma-separated stages, e.g. `lexical,schema`. */
  stages: z
    .string()
    .transform((value) => value.split(',').map((s) => s.trim()).filter((s) => s.length > 0))
    .pipe(z.array(z.enum(STAGE_VALUES)).min(1))
    .optional(),
  failOn: z.enum([...SEVERITY_VALUES, 'NONE']).optional(),
  /** Server name for documents that do not name one (a bare array of tools). */
  server: ServerName.optional(),
});
export type CheckQuery = z.infer<typeof CheckQuerySchema>;
