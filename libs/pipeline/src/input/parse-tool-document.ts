import { makeTool, ToolDefinitionSchema, type Tool } from '../model';
import { pointerOf } from './json-pointer';

/** A problem in an input document. `pointer` is the RFC 6901 JSON pointer of the bad field (`''` = the whole document). */
export interface InputError {
  file: string;
  tool?: string;
  pointer: string;
  message: string;
}

export interface ParseOrigin {
  file: string;
  /** Server used when the document does not name one (usually derived from the file name). */
  defaultServer: string;
}

export interface ParsedToolDocument {
  tools: Tool[];
  errors: InputError[];
}

interface ToolList {
  server: string;
  items: unknown[];
  /** Pointer of the array holding the tools. */
  base: string;
  /** The document is one tool: its pointer is the document root. */
  single?: boolean;
}

/**
 * Reads the tool documents people actually have: an MCP `tools/list` result `{ tools, nextCursor? }`,
 * a JSON-RPC response `{ result: { tools } }`, `{ server, tools }`, a bare array of tools, or one tool.
 * An invalid tool becomes an {@link InputError} and the others still load; a later duplicate name in the
 * same server is reported and dropped (the first definition wins).
 */
export function parseToolDocument(value: unknown, origin: ParseOrigin): ParsedToolDocument {
  const errors: InputError[] = [];
  const list = locateTools(value, origin, errors);
  if (!list) return { tools: [], errors };

  const tools: Tool[] = [];
  const firstPointer = new Map<string, string>();
  list.items.forEach((item, index) => {
    const pointer = list.single ? '' : `${list.base}/${index}`;
    const name = nameOf(item);
    const parsed = ToolDefinitionSchema.safeParse(item);
    if (!parsed.success) {
      const [first] = parsed.error.issues;
      const message = parsed.error.issues
        .map((issue) => `${pointerOf(pointer, issue.path) || '(document)'}: ${issue.message}`)
        .join('; ');
      errors.push({ file: origin.file, tool: name, pointer: pointerOf(pointer, first.path), message });
      return;
    }
    const previous = firstPointer.get(parsed.data.name);
    if (previous !== undefined) {
      errors.push({
        file: origin.file,
        tool: parsed.data.name,
        pointer: `${pointer}/name`,
        message: `duplicate tool name "${parsed.data.name}" in server "${list.server}" (first defined at ${previous}); this definition is ignored`,
      });
      return;
    }
    firstPointer.set(parsed.data.name, pointer);
    tools.push(makeTool(list.server, parsed.data, { file: origin.file, pointer }));
  });
  return { tools, errors };
}

function locateTools(value: unknown, origin: ParseOrigin, errors: InputError[]): ToolList | undefined {
  if (Array.isArray(value)) return { server: origin.defaultServer, items: value, base: '' };
  if (!isRecord(value)) {
    errors.push({ file: origin.file, pointer: '', message: `expected a tool, an array of tools or an object with "tools", got ${describe(value)}` });
    return undefined;
  }
  const server = serverOf(value, origin, errors);
  if ('tools' in value) return toolArray(value.tools, '/tools', server, origin, errors);
  if (isRecord(value.result) && 'tools' in value.result) return toolArray(value.result.tools, '/result/tools', server, origin, errors);
  // A single tool object: validated like any other, so a missing name is reported at /name.
  return { server, items: [value], base: '', single: true };
}

function toolArray(tools: unknown, base: string, server: string, origin: ParseOrigin, errors: InputError[]): ToolList | undefined {
  if (Array.isArray(tools)) return { server, items: tools, base };
  errors.push({ file: origin.file, pointer: base, message: `"tools" must be an array, got ${describe(tools)}` });
  return undefined;
}

function serverOf(doc: Record<string, unknown>, origin: ParseOrigin, errors: InputError[]): string {
  if (!('server' in doc) || doc.server === undefined) return origin.defaultServer;
  if (typeof doc.server === 'string' && doc.server.trim().length > 0) return doc.server.trim();
  errors.push({ file: origin.file, pointer: '/server', message: `"server" must be a non-empty string, got ${describe(doc.server)}; using "${origin.defaultServer}"` });
  return origin.defaultServer;
}

function nameOf(item: unknown): string | undefined {
  return isRecord(item) && typeof item.name === 'string' && item.name.length > 0 ? item.name : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
