import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every depth and no whitespace; `undefined` members are dropped as
 * JSON.stringify drops them. Two definitions that differ only in key order serialise identically.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** SHA-256 hex of the canonical JSON: a tool version's content hash. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) sorted[key] = sortKeys(member);
  }
  return sorted;
}

/** The MCP definition fields a tool version is identified by (what the registry stores on ToolVersion). */
export interface HashedToolDefinition {
  name: string;
  title?: string;
  description: string;
  inputSchema: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

/** What a live server or a tools file lists; `description` may be missing there. */
export interface ListedToolDefinition {
  name: string;
  title?: string;
  description?: string;
  inputSchema: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

/**
 * The definition as the registry stores and hashes it: exactly the MCP fields, optional ones only when
 * present, a missing description as '' (the registry requires one). Any other field a server sends
 * (`_meta`, `icons`, ...) is not part of the identity.
 */
export function hashedDefinition(tool: ListedToolDefinition): HashedToolDefinition {
  const { name, title, description, inputSchema, outputSchema, annotations } = tool;
  return { name, description: description ?? '', inputSchema, ...(title !== undefined ? { title } : {}), ...(outputSchema ? { outputSchema } : {}), ...(annotations ? { annotations } : {}) };
}

/** The content hash of a tool's full definition: equal to the registry's ToolVersion.contentHash for the same definition. */
export function toolContentHash(tool: ListedToolDefinition): string {
  return contentHash(hashedDefinition(tool));
}
