/**
 * Canonical verbs: tool names say the same action many ways. Each group maps to its first word.
 * Groups are deliberately narrow: `send` and `post` stay apart from `create`, because an agent
 * does distinguish "send a message" from "create a draft".
 */
const VERB_GROUPS: readonly (readonly string[])[] = [
  ['create', 'add', 'new', 'insert', 'make', 'register'],
  ['get', 'fetch', 'read', 'retrieve', 'show', 'view', 'load', 'lookup', 'describe', 'info', 'detail'],
  ['delete', 'remove', 'destroy', 'drop', 'erase', 'del', 'rm', 'purge'],
  ['list', 'search', 'find', 'query', 'browse', 'enumerate', 'ls', 'filter'],
  ['update', 'edit', 'modify', 'change', 'patch', 'set', 'alter'],
  ['send', 'post', 'publish', 'notify'],
  ['run', 'execute', 'exec', 'invoke', 'call', 'trigger', 'start'],
  ['write', 'save', 'store', 'put', 'upload'],
  ['download', 'export', 'dump'],
  ['close', 'resolve', 'complete', 'finish'],
  ['duplicate', 'clone', 'copy'],
  ['archive', 'hide'],
  ['restore', 'unarchive', 'recover', 'undelete'],
  ['import', 'ingest'],
  ['assign', 'allocate', 'delegate'],
  ['approve', 'accept', 'authorize'],
  ['cancel', 'void', 'abort'],
  ['count', 'tally', 'total'],
  ['sync', 'synchronize', 'refresh'],
  ['share', 'grant'],
];

const CANONICAL = new Map<string, string>();
for (const group of VERB_GROUPS) for (const word of group) CANONICAL.set(word, group[0]);

/** The canonical form of an action word, or the word itself when it is not a known verb. */
export function canonicalVerb(token: string): string {
  return CANONICAL.get(token) ?? token;
}

export function isKnownVerb(token: string): boolean {
  return CANONICAL.has(token);
}

/** Words that carry no meaning in tool names or descriptions. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or of to in on for with by from at as is are be this that these those it its into via ' +
    'you your can will may should must use used using tool tools function when which what who how if then ' +
    'than not no do does all any each some such other also only just more most optional required default ' +
    'given specified provide provided returns return e g i ie eg etc string number boolean object array ' +
    'value values parameter parameters param'
  ).split(' '),
);
