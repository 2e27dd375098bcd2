/**
 * Verbs, qualifiers and parameter typing of the generated registry. Base tools use only the first word of
 * each verb's synonym list, so that verb-synonym duplicates come from planting, never by accident.
 */
import { DOMAINS } from './vocabulary.domains';

export interface ObjectSpec {
  noun: string;
  /** Another vendor's word for the same thing, when there is one. */
  synonym?: string;
  fields: string[];
}

export interface Domain {
  key: string;
  product: string;
  objects: ObjectSpec[];
}

export interface VerbSpec {
  verb: string;
  /** Words an agent reads as the same action (first-class in libs/pipeline/src/text/synonyms.ts too). */
  synonyms: string[];
  /** Whether the object is named in the plural (`list_invoices`). */
  plural: boolean;
  /** Description templates: `{obj}` object phrase, `{objs}` plural phrase, `{product}`, `{f1}`, `{f2}` field words. */
  templates: string[];
}

export const VERBS: readonly VerbSpec[] = [
  { verb: 'create', synonyms: ['add', 'new', 'insert', 'make'], plural: false, templates: ['Creates a new {obj} in {product}.', 'Create a {obj} with the given {f1} and {f2}. Returns the id of the new {noun}.'] },
  { verb: 'get', synonyms: ['fetch', 'retrieve', 'read'], plural: false, templates: ['Retrieves a single {obj} by id, including its {f1} and {f2}.', 'Get the details of a {obj} from {product}.'] },
  { verb: 'list', synonyms: ['search', 'find', 'query', 'browse'], plural: true, templates: ['Lists {objs} in {product}, newest first. Supports paging with a cursor.', 'Returns {objs} matching the optional {f1} filter, up to `limit` at a time.'] },
  { verb: 'update', synonyms: ['edit', 'modify', 'change', 'patch'], plural: false, templates: ['Updates the {f1} or {f2} of an existing {obj}.', 'Change fields of a {obj} in {product}. Only the fields given are modified.'] },
  { verb: 'delete', synonyms: ['remove', 'destroy', 'erase'], plural: false, templates: ['Permanently deletes a {obj} from {product}. This cannot be undone.', 'Delete the {obj} with the given id.'] },
  { verb: 'archive', synonyms: ['hide'], plural: false, templates: ['Archives a {obj} so it no longer appears in default listings; it can be restored later.'] },
  { verb: 'restore', synonyms: ['unarchive', 'recover'], plural: false, templates: ['Restores an archived or deleted {obj} in {product}.'] },
  { verb: 'export', synonyms: ['download', 'dump'], plural: true, templates: ['Exports {objs} from {product} as CSV or JSON for reporting.', 'Download {objs} changed since a date, in the requested format.'] },
  { verb: 'import', synonyms: ['ingest', 'load'], plural: true, templates: ['Imports {objs} into {product} from a CSV or JSON file at a URL.'] },
  { verb: 'assign', synonyms: ['allocate', 'delegate'], plural: false, templates: ['Assigns a {obj} to a team member, who is notified.'] },
  { verb: 'approve', synonyms: ['accept', 'authorize'], plural: false, templates: ['Approves a pending {obj} in {product}, recording who approved it.'] },
  { verb: 'cancel', synonyms: ['void', 'abort'], plural: false, templates: ['Cancels a {obj}. Cancelled items stay visible but can no longer change.'] },
  { verb: 'duplicate', synonyms: ['clone', 'copy'], plural: false, templates: ['Duplicates an existing {obj}, copying its {f1} and {f2} into a new one.'] },
  { verb: 'count', synonyms: ['tally', 'total'], plural: true, templates: ['Counts {objs} in {product} that match a filter, without returning them.'] },
  { verb: 'sync', synonyms: ['synchronize', 'refresh'], plural: true, templates: ['Synchronises {objs} between {product} and a connected external system.'] },
  { verb: 'share', synonyms: ['grant'], plural: false, templates: ['Shares a {obj} with a user or group by email, with read or write access.'] },
];

/** Qualifiers make the name space large enough that 100k tools stay mostly distinct. '' = none. */
export const QUALIFIERS: readonly string[] = [
  '', 'draft', 'archived', 'recurring', 'shared', 'pending', 'scheduled', 'team', 'public', 'private', 'custom',
  'default', 'external', 'internal', 'template', 'linked', 'starred', 'flagged', 'legacy', 'primary', 'temporary',
  'regional', 'partner', 'sandbox', 'verified', 'expired', 'upcoming', 'favorite', 'personal', 'global', 'tagged',
];

/** Vendor stems for server names (`acme-billing`). Invented, so no real company is implied. */
export const VENDORS: readonly string[] = (
  'acme globex initech umbrella hooli vandelay stark wayne tyrell cyberdyne soylent oscorp wonka aperture ' +
  'blueth dunder pied gringotts monarch nakatomi oceanic sterling wernham zorg abstergo aviato bluebook ' +
  'contoso fabrikam northwind tailspin adventure litware proseware wingtip fourth lucerne margie alpine ' +
  'coho trey woodgrove relecloud munson nod fjord kite lumen quill sable tundra vertex willow yarrow zephyr ' +
  'amber birch cinder delta ember flint garnet harbor iris jasper kestrel lotus maple nimbus onyx pioneer'
).split(' ');

function parseObjects(spec: string): ObjectSpec[] {
  return spec.split(';').map((part) => {
    const [head, fieldList] = part.split(':');
    const [noun, synonym] = head.trim().split('/');
    return { noun, synonym, fields: fieldList.trim().split(/\s+/) };
  });
}

export const DOMAIN_LIST: readonly Domain[] = DOMAINS.map((d) => ({ key: d.key, product: d.product, objects: parseObjects(d.objects) }));

/** English plural of a snake_case noun phrase (last word only): invoice → invoices, policy → policies. */
export function pluralize(noun: string): string {
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(noun)) return `${noun}es`;
  return `${noun}s`;
}

/** A realistic JSON Schema property for a field name, typed by naming convention. */
export function fieldSchema(field: string, noun: string): Record<string, unknown> {
  const words = field.replace(/_/g, ' ');
  if (field === 'id' || field.endsWith('_id')) return { type: 'string', description: `Id of the ${words.replace(/ id$/, '')}` };
  if (field.endsWith('_ids') || field.endsWith('s') && ['items', 'attendees', 'members', 'tags', 'labels', 'events', 'stops', 'symbols', 'colors', 'options', 'lines', 'steps', 'fields', 'columns', 'variants', 'questions', 'custodians', 'ingredients', 'origins', 'destinations', 'players', 'emails', 'regions', 'monitors', 'components', 'scopes', 'permissions', 'rules', 'stages', 'listeners', 'statements', 'changes', 'actions', 'answers', 'line_items', 'node_ids', 'media_ids', 'course_ids', 'redirect_uris', 'ports', 'words'].includes(field)) {
    return { type: 'array', items: { type: 'string' }, description: `The ${words} of the ${noun.replace(/_/g, ' ')}` };
  }
  if (/(amount|price|quantity|count|size|limit|points|score|rating|minutes|seconds|hours|days|percentage|percent_off|rate|capacity|weight|value|cost|total|budget|gross|width|height|zoom|radius|level|epochs|dimensions|liters|odometer|seats|bedrooms|version_number|number|size_gb|size_bytes|limit_bytes|replicas|min_size|max_size|party_size|duration_seconds|duration_hours|interval_seconds|trial_days|window_days|min_length|passengers|guests|target_minutes|minutes_before|line|x|y|above|below|boost|max_fare|max_price|unit_amount|limit_price|prize_pool|size_sqft|rent)$/.test(field)) {
    return { type: 'number', description: `The ${words}` };
  }
  if (/^(is_|require_)|(private|read_only|unique|required|inclusive|versioning)$/.test(field)) return { type: 'boolean', description: `Whether the ${noun.replace(/_/g, ' ')} is ${words.replace(/^is /, '')}` };
  if (/(date|_at|time|until|since|from|to|start|end|check_in|check_out|expiry)$/.test(field)) return { type: 'string', format: /date$/.test(field) ? 'date' : 'date-time', description: `The ${words}, ISO 8601` };
  if (/email$/.test(field)) return { type: 'string', format: 'email', description: `The ${words}` };
  if (/(url|link)$/.test(field)) return { type: 'string', format: 'uri', description: `The ${words}` };
  if (/(status|priority|severity|visibility|privacy|type|mode|format|side|access|method|interval|frequency)$/.test(field)) return { type: 'string', description: `The ${words} of the ${noun.replace(/_/g, ' ')}` };
  return { type: 'string', description: `The ${words}` };
}
