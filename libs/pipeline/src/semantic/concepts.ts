/**
 * Noun concepts: the objects tools act on are named many ways ("ticket", "issue", "bug").
 * Mapping them to one concept lets "create a ticket" and "open a new issue" share features.
 * Kept narrow on purpose: a wrong merge makes unrelated tools look alike, which costs more
 * (false conflicts) than a missed one.
 */
const CONCEPT_GROUPS: readonly (readonly string[])[] = [
  ['issue', 'ticket', 'bug'],
  ['repository', 'repo'],
  ['directory', 'folder', 'dir'],
  ['message', 'msg'],
  ['image', 'picture', 'photo', 'img', 'screenshot'],
  ['web', 'internet', 'online'],
  ['url', 'link', 'uri', 'webpage'],
  ['document', 'doc', 'docs'],
  ['price', 'quote', 'cost'],
  ['stock', 'ticker', 'equity'],
  ['paper', 'article', 'publication'],
  ['weather', 'forecast'],
  ['location', 'place', 'poi'],
  ['calculate', 'compute', 'calc'],
  ['translate', 'translation'],
  ['navigate', 'goto', 'visit'],
  ['text', 'content', 'contents'],
  ['news', 'headline'],
  ['email', 'mail'],
  ['schedule', 'calendar', 'appointment'],
];

const CONCEPT = new Map<string, string>();
for (const group of CONCEPT_GROUPS) for (const word of group) CONCEPT.set(word, group[0]);

/** The canonical concept of a (stemmed) token, or the token itself. */
export function canonicalConcept(token: string): string {
  return CONCEPT.get(token) ?? token;
}

/**
 * Words that appear in most tool texts and so say little about which tool is meant.
 * They are kept (an empty vector helps nobody) but weighted down.
 */
export const GENERIC_TERMS: ReadonlySet<string> = new Set(
  (
    'get list create update delete id name type data result results info information format page limit ' +
    'number count max min size true false null set key user item path query search text'
  ).split(' '),
);
