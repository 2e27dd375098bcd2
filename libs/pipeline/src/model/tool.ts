/**
 * The tool model: an MCP tool definition as a server lists it, plus the server it belongs to.
 * Schema first (zod), types inferred from it.
 */
import { z } from 'zod';

/** A JSON Schema object as MCP carries it. Kept loose on purpose: servers ship every draft. */
export const JsonSchemaSchema = z.record(z.string(), z.unknown());
export type JsonSchema = z.infer<typeof JsonSchemaSchema>;

export const ToolDefinitionSchema = z.object({
  name: z.string().min(1, 'must be a non-empty string'),
  title: z.string().optional(),
  description: z.string().default(''),
  inputSchema: JsonSchemaSchema.default({ type: 'object', properties: {} }),
  outputSchema: JsonSchemaSchema.optional(),
  annotations: z.record(z.string(), z.unknown()).optional(),
});
export type ToolDefinition = z.infer<typeof ToolDefinitionSchema>;

/** Where a tool was read from, so errors and findings can point at it. */
export interface ToolSource {
  file: string;
  /** JSON pointer of the tool inside the file, e.g. `/tools/3`. */
  pointer: string;
}

/** A tool with the server (namespace) it belongs to. `key` is unique in one analysis: `server/name`. */
export interface Tool {
  key: string;
  server: string;
  definition: ToolDefinition;
  source?: ToolSource;
}

export interface ToolRef {
  server: string;
  tool: string;
}

export function toolKey(server: string, name: string): string {
  return `${server}/${name}`;
}

export function makeTool(server: string, definition: ToolDefinition, source?: ToolSource): Tool {
  return { key: toolKey(server, definition.name), server, definition, source };
}

export function toolRef(tool: Tool): ToolRef {
  return { server: tool.server, tool: tool.definition.name };
}
