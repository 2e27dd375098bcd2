import { splitIdentifier, stem } from '../text';

/**
 * Parameter concepts: one key for the names servers give the same input. `user_id`, `userId`, `uid` and
 * `user` all become `user` (an id suffix names the entity it identifies); abbreviations expand.
 */
const WORD_ALIASES: Record<string, string> = {
  ids: 'id', uid: 'user', usr: 'user', userid: 'user', username: 'user name', repo: 'repository', msg: 'message',
  num: 'number', qty: 'quantity', desc: 'description', dir: 'directory', img: 'image', doc: 'document',
  org: 'organization', addr: 'address', lang: 'language', ts: 'timestamp', tz: 'timezone', lat: 'latitude',
  lng: 'longitude', lon: 'longitude', cnt: 'count', identifier: 'id', uri: 'url', link: 'url', filepath: 'path',
  filename: 'file name', src: 'source', dst: 'destination', dest: 'destination', pwd: 'password',
  mail: 'email', tel: 'phone', telephone: 'phone', kw: 'keyword', keywords: 'keyword',
};

/** Whole-name synonyms for pagination and search plumbing that every API spells differently. */
const CONCEPT_ALIASES: Record<string, string> = {
  'max result': 'limit', 'page size': 'limit', 'per page': 'limit', 'top k': 'limit', 'num result': 'limit',
  'number result': 'limit', 'max item': 'limit',
  'q': 'query', 'search': 'query', 'search query': 'query', 'search term': 'query', 'term': 'query', 'keyword': 'query',
  'query string': 'query', 'page number': 'page', 'page token': 'cursor', 'next token': 'cursor', 'start cursor': 'cursor',
  'file path': 'path', 'filepath': 'path',
};

/** Concepts that appear in unrelated tools everywhere: sharing them says nothing about a conflict. */
export const GENERIC_CONCEPTS: ReadonlySet<string> = new Set([
  'id', 'limit', 'page', 'offset', 'cursor', 'query', 'sort', 'order', 'direction', 'format', 'field', 'filter',
  'verbose', 'timeout', 'after', 'before', 'since', 'until', 'type', 'name', 'description', 'option', 'include',
  'lang', 'language', 'locale', 'mode', 'debug', 'output', 'input', 'content', 'text', 'data', 'value', 'key',
]);

/** The concept key of a parameter name. */
export function paramConcept(name: string): string {
  const words = splitIdentifier(name).flatMap((w) => (WORD_ALIASES[w] ?? WORD_ALIASES[stem(w)] ?? stem(w)).split(' '));
  // `user_id` names the user: drop a trailing id when something precedes it.
  while (words.length > 1 && words[words.length - 1] === 'id') words.pop();
  const key = words.join(' ');
  return CONCEPT_ALIASES[key] ?? key;
}

export function isGenericConcept(concept: string): boolean {
  return GENERIC_CONCEPTS.has(concept);
}
