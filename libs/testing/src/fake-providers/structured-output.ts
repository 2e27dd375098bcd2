/** One structured-output request as a fake model sees it. */
export interface FakeStructuredCall {
  provider: 'openai' | 'anthropic';
  /** json_schema name (OpenAI) or the forced tool's name (Anthropic). */
  name: string;
  schema: Record<string, unknown>;
  system: string;
  user: string;
}

/** What the fake model answers: a JSON value, or raw text (to test malformed output). */
export type FakeStructuredReply = { json: unknown } | { raw: string };

export type FakeStructuredResponder = (call: FakeStructuredCall) => FakeStructuredReply;

/**
 * The default fake model: an instance of the requested schema (strings say which field they fill,
 * arrays get three items, enums their first value), so any well-formed request gets a well-formed answer.
 */
export const schemaInstance: FakeStructuredResponder = (call) => ({ json: instanceOf(call.schema, call.name) });

function instanceOf(schema: unknown, path: string): unknown {
  const s = (typeof schema === 'object' && schema !== null ? schema : {}) as Record<string, unknown>;
  if (Array.isArray(s['enum'])) return s['enum'][0];
  const type = Array.isArray(s['type']) ? s['type'].find((t) => t !== 'null') : s['type'];
  switch (type) {
    case 'object': {
      const props = (s['properties'] ?? {}) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, instanceOf(v, `${path}.${k}`)]));
    }
    case 'array':
      return [1, 2, 3].map((i) => instanceOf(s['items'], `${path} ${i}`));
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    default:
      return `fake ${path}`;
  }
}

/**
 * What OpenAI's strict structured outputs reject: an object without `additionalProperties: false`, or
 * with a property missing from `required` (optional fields must be nullable instead). Checked
 * recursively, as the API does, so a schema the real API would refuse fails the test.
 */
export function strictSchemaProblems(schema: unknown, path = '(schema)'): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const s = schema as Record<string, unknown>;
  const problems: string[] = [];
  const types = Array.isArray(s['type']) ? s['type'] : [s['type']];
  if (types.includes('object')) {
    const props = (s['properties'] ?? {}) as Record<string, unknown>;
    const required = Array.isArray(s['required']) ? (s['required'] as string[]) : [];
    if (s['additionalProperties'] !== false) problems.push(`${path}: additionalProperties must be false in strict mode`);
    for (const key of Object.keys(props)) {
      if (!required.includes(key)) problems.push(`${path}.${key}: every property must be required in strict mode`);
      problems.push(...strictSchemaProblems(props[key], `${path}.${key}`));
    }
  }
  if (types.includes('array')) problems.push(...strictSchemaProblems(s['items'], `${path}[]`));
  return problems;
}
