/** Builds one realistic tool definition (name, description, input schema) from vocabulary parts. */
import type { ToolDefinition } from '@toolgate/pipeline';
import type { Rng } from './prng';
import { fieldSchema, pluralize, type Domain, type ObjectSpec, type VerbSpec } from './vocabulary';

/** How a server spells its tool names: most are snake_case; some camelCase, kebab-case or vendor-prefixed. */
export type NameStyle = 'snake' | 'camel' | 'kebab' | 'prefixed';

/** A generated tool with the parts it was made from, so planting can derive a confusable twin. */
export interface GeneratedTool {
  server: string;
  vendor: string;
  style: NameStyle;
  domain: Domain;
  verb: VerbSpec;
  qualifier: string;
  object: ObjectSpec;
  definition: ToolDefinition;
}

const EXTRA_SENTENCES = [
  'Requires an API token with write access.',
  'Rate limited to 100 requests per minute.',
  'Results are cached for up to 60 seconds.',
  'Returns an error if the caller lacks permission.',
  'Timestamps are in UTC.',
  'The response includes a link to open the item in the web app.',
  'Use the id returned by the corresponding list call.',
];

/** Name words: verb, optional qualifier, then the object's words (plural for collection verbs). */
export function nameWords(verb: string, qualifier: string, noun: string, plural: boolean): string[] {
  const nounWords = (plural ? pluralize(noun) : noun).split('_');
  return [verb, ...(qualifier ? [qualifier] : []), ...nounWords];
}

export function renderName(words: readonly string[], style: NameStyle, vendor: string): string {
  switch (style) {
    case 'camel':
      return words.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('');
    case 'kebab':
      return words.join('-');
    case 'prefixed':
      return [vendor, ...words].join('_');
    default:
      return words.join('_');
  }
}

function phrase(qualifier: string, noun: string): string {
  return `${qualifier ? `${qualifier} ` : ''}${noun.replace(/_/g, ' ')}`;
}

export function fillTemplate(template: string, qualifier: string, noun: string, object: ObjectSpec, product: string): string {
  const [f1 = 'name', f2 = 'status'] = object.fields.filter((f) => !f.endsWith('_id'));
  return template
    .replace(/\{objs\}/g, phrase(qualifier, pluralize(noun)))
    .replace(/\{obj\}/g, phrase(qualifier, noun))
    .replace(/\{noun\}/g, noun.replace(/_/g, ' '))
    .replace(/\{product\}/g, product)
    .replace(/\{f1\}/g, f1.replace(/_/g, ' '))
    .replace(/\{f2\}/g, f2.replace(/_/g, ' '))
    .replace(/^\w/, (c) => c.toUpperCase());
}

/** JSON Schema of the input, shaped by what the verb needs (ids, fields, paging, format). */
export function buildInputSchema(verb: string, object: ObjectSpec, noun: string): Record<string, unknown> {
  const idField = `${noun}_id`;
  const props: Record<string, Record<string, unknown>> = {};
  const required: string[] = [];
  const idProp = { type: 'string', description: `Id of the ${noun.replace(/_/g, ' ')}` };
  const addFields = (fields: readonly string[]) => fields.forEach((f) => (props[f] = fieldSchema(f, noun)));
  switch (verb) {
    case 'create':
      addFields(object.fields);
      required.push(...object.fields.slice(0, 2));
      break;
    case 'update':
      props[idField] = idProp;
      addFields(object.fields);
      required.push(idField);
      break;
    case 'list':
    case 'count':
      addFields(object.fields.slice(0, 1));
      props.limit = { type: 'integer', minimum: 1, maximum: 100, description: 'Maximum number of results (default 25)' };
      if (verb === 'list') props.cursor = { type: 'string', description: 'Cursor from the previous page' };
      break;
    case 'export':
      props.format = { type: 'string', enum: ['csv', 'json'], description: 'Output format' };
      props.since = { type: 'string', format: 'date', description: 'Only items changed since this date' };
      required.push('format');
      break;
    case 'import':
      props.file_url = { type: 'string', format: 'uri', description: 'URL of the file to import' };
      props.dry_run = { type: 'boolean', description: 'Validate without writing' };
      required.push('file_url');
      break;
    case 'sync':
      props.connection_id = { type: 'string', description: 'Id of the external connection' };
      props.full = { type: 'boolean', description: 'Resynchronise everything instead of changes only' };
      required.push('connection_id');
      break;
    case 'assign':
      props[idField] = idProp;
      props.assignee_id = { type: 'string', description: 'Id of the user to assign' };
      required.push(idField, 'assignee_id');
      break;
    case 'share':
      props[idField] = idProp;
      props.email = { type: 'string', format: 'email', description: 'Who to share with' };
      props.access = { type: 'string', enum: ['read', 'write'], description: 'Access level' };
      required.push(idField, 'email');
      break;
    default:
      props[idField] = idProp;
      required.push(idField);
      if (verb === 'cancel' || verb === 'approve') props.comment = { type: 'string', description: 'Why, for the audit trail' };
  }
  return { type: 'object', properties: props, required, additionalProperties: false };
}

/** A base (non-planted) tool. */
export function makeTool(rng: Rng, server: { name: string; vendor: string; style: NameStyle; product: string }, domain: Domain, verb: VerbSpec, qualifier: string, object: ObjectSpec): GeneratedTool {
  const words = nameWords(verb.verb, qualifier, object.noun, verb.plural);
  let description = fillTemplate(rng.pick(verb.templates), qualifier, object.noun, object, server.product);
  if (rng.chance(0.35)) description += ` ${rng.pick(EXTRA_SENTENCES)}`;
  return {
    server: server.name,
    vendor: server.vendor,
    style: server.style,
    domain,
    verb,
    qualifier,
    object,
    definition: { name: renderName(words, server.style, server.vendor), description, inputSchema: buildInputSchema(verb.verb, object, object.noun) },
  };
}
