/**
 * An MCP tool definition as a live server lists it, and the validation a listing must pass: one
 * invalid tool fails the whole listing (a partial listing would read as removed tools).
 */
import { McpSyncError } from './mcp-sync.errors';

type JsonObject = Record<string, unknown>;

/** The definition fields Toolgate keeps from tools/list (the ones its content hash covers). */
export interface McpToolDefinition {
  name: string;
  title?: string;
  description?: string;
  inputSchema: JsonObject;
  outputSchema?: JsonObject;
  annotations?: JsonObject;
}

/** MCP's own limit on tool names (SEP-986): 1 to 128 characters. */
const MAX_NAME_LENGTH = 128;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(index: number, name: unknown, field: string, message: string): McpSyncError {
  return new McpSyncError('INVALID_TOOL', `tool ${typeof name === 'string' ? `"${name}"` : `#${index}`}: ${field} ${message}`, { index, ...(typeof name === 'string' ? { tool: name } : {}), field });
}

/** Validates one listed tool and keeps its definition fields; throws McpSyncError INVALID_TOOL naming the field. */
export function validateListedTool(raw: unknown, index: number): McpToolDefinition {
  if (!isObject(raw)) throw invalid(index, undefined, 'tool', 'must be an object');
  const { name, title, description, inputSchema, outputSchema, annotations } = raw;
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH) throw invalid(index, name, 'name', `must be a string of 1 to ${MAX_NAME_LENGTH} characters`);
  if (title !== undefined && typeof title !== 'string') throw invalid(index, name, 'title', 'must be a string');
  if (description !== undefined && typeof description !== 'string') throw invalid(index, name, 'description', 'must be a string');
  if (!isObject(inputSchema) || inputSchema['type'] !== 'object') throw invalid(index, name, 'inputSchema', 'must be a JSON Schema object with "type": "object"');
  if (outputSchema !== undefined && (!isObject(outputSchema) || outputSchema['type'] !== 'object')) throw invalid(index, name, 'outputSchema', 'must be a JSON Schema object with "type": "object"');
  if (annotations !== undefined && !isObject(annotations)) throw invalid(index, name, 'annotations', 'must be an object');
  return {
    name,
    ...(title !== undefined ? { title } : {}),
    ...(description !== undefined ? { description } : {}),
    inputSchema,
    ...(outputSchema !== undefined ? { outputSchema } : {}),
    ...(annotations !== undefined ? { annotations } : {}),
  };
}
