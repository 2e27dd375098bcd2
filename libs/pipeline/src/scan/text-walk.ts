import type { ToolDefinition } from '../model';
import { escapePointerToken } from '../input';

/** One piece of text in a tool definition and where it is (JSON pointer inside the definition). */
export interface TextSite {
  pointer: string;
  text: string;
  /** `key` when the text is a property name (a parameter name), `value` otherwise. */
  role: 'key' | 'value';
}

/** Every string a model may read: title, description, and all strings (and property names) of the schemas and annotations. */
export function textSites(def: ToolDefinition): TextSite[] {
  const out: TextSite[] = [];
  if (def.title) out.push({ pointer: '/title', text: def.title, role: 'value' });
  if (def.description) out.push({ pointer: '/description', text: def.description, role: 'value' });
  walk(def.inputSchema, '/inputSchema', out, 0);
  if (def.outputSchema) walk(def.outputSchema, '/outputSchema', out, 0);
  if (def.annotations) walk(def.annotations, '/annotations', out, 0);
  return out;
}

// Deep enough for any real schema; bounded so a hostile, deeply nested document cannot blow the stack.
const MAX_DEPTH = 32;

function walk(value: unknown, pointer: string, out: TextSite[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (typeof value === 'string') {
    out.push({ pointer, text: value, role: 'value' });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, `${pointer}/${i}`, out, depth + 1));
  } else if (typeof value === 'object' && value !== null) {
    const parentIsProperties = pointer.endsWith('/properties');
    for (const [key, child] of Object.entries(value)) {
      const childPointer = `${pointer}/${escapePointerToken(key)}`;
      if (parentIsProperties) out.push({ pointer: childPointer, text: key, role: 'key' });
      walk(child, childPointer, out, depth + 1);
    }
  }
}
