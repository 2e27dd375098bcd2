import type { JsonSchema, ToolDefinition } from '../model';
import { textTokens } from '../text';
import { isGenericConcept, paramConcept } from './concepts';
import { MAX_PARAM_DEPTH } from './thresholds';

/** One flattened input parameter. */
export interface ParamFeature {
  name: string;
  /** Dotted path from the input root: `user_id`, `filter.user_id`, `items[].name`. */
  path: string;
  depth: number;
  /** Normalised concept key (see concepts.ts): `user_id`, `userId`, `uid`, `user` → `user`. */
  concept: string;
  generic: boolean;
  /** JSON Schema types without `null`, sorted. Empty = unconstrained (compatible with anything). */
  types: string[];
  /** Enum values as strings, when the parameter is an enum. */
  enum?: string[];
  required: boolean;
  descriptionTokens: string[];
}

/** What the schema stage compares, computed once per tool. */
export interface SchemaFeatures {
  params: ParamFeature[];
  /** Concepts of required top-level parameters, sorted and unique. */
  requiredConcepts: string[];
}

/** Flattens a tool's input schema into {@link SchemaFeatures}. Tolerates any draft and malformed schemas. */
export function schemaFeatures(def: ToolDefinition): SchemaFeatures {
  const params: ParamFeature[] = [];
  collect(def.inputSchema, '', 0, true, params);
  const requiredConcepts = [...new Set(params.filter((p) => p.depth === 0 && p.required).map((p) => p.concept))].sort();
  return { params, requiredConcepts };
}

function collect(schema: JsonSchema, prefix: string, depth: number, parentRequired: boolean, out: ParamFeature[]): void {
  const properties = asRecord(schema.properties);
  if (!properties) return;
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
  for (const [name, raw] of Object.entries(properties)) {
    const prop = asRecord(raw) ?? {};
    const path = prefix ? `${prefix}.${name}` : name;
    const concept = paramConcept(name);
    const enumValues = Array.isArray(prop.enum) ? prop.enum.map((v) => String(v)) : undefined;
    out.push({
      name,
      path,
      depth,
      concept,
      generic: isGenericConcept(concept),
      types: typesOf(prop),
      ...(enumValues ? { enum: enumValues } : {}),
      required: parentRequired && required.has(name),
      descriptionTokens: typeof prop.description === 'string' ? textTokens(prop.description) : [],
    });
    if (depth >= MAX_PARAM_DEPTH) continue;
    collect(prop, path, depth + 1, parentRequired && required.has(name), out);
    const items = asRecord(prop.items);
    if (items) collect(items, `${path}[]`, depth + 1, false, out);
  }
}

/** JSON Schema types of a property: `type` (string or array), else inferred from anyOf/oneOf, enum, properties, items. */
export function typesOf(prop: Record<string, unknown>): string[] {
  const out = new Set<string>();
  if (typeof prop.type === 'string') out.add(prop.type);
  else if (Array.isArray(prop.type)) for (const t of prop.type) if (typeof t === 'string') out.add(t);
  if (out.size === 0) {
    for (const alt of [...asArray(prop.anyOf), ...asArray(prop.oneOf)]) {
      const rec = asRecord(alt);
      if (rec) for (const t of typesOf(rec)) out.add(t);
    }
    if (Array.isArray(prop.enum)) for (const v of prop.enum) if (v !== null) out.add(Number.isInteger(v) ? 'integer' : typeof v);
    if (prop.properties) out.add('object');
    if (prop.items) out.add('array');
  }
  out.delete('null');
  return [...out].sort();
}

/** Two parameters can carry the same value: unconstrained on either side, a shared type, or integer ⊂ number. */
export function typesCompatible(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  const widen = (t: string) => (t === 'integer' ? 'number' : t);
  const bw = new Set(b.map(widen));
  return a.some((t) => bw.has(widen(t)));
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
