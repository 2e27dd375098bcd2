import { splitIdentifier } from './identifier';
import { stem } from './stemmer';
import { canonicalVerb, STOPWORDS } from './synonyms';

/** Name tokens: split, stemmed, verbs canonicalised. Stopwords are kept: in a name every word counts. */
export function nameTokens(name: string): string[] {
  return splitIdentifier(name).map((t) => canonicalVerb(stem(t)));
}

/** Content tokens of free text (descriptions, queries): split, stopwords dropped, stemmed, verbs canonicalised. */
export function textTokens(text: string): string[] {
  const out: string[] = [];
  for (const raw of splitIdentifier(text)) {
    if (STOPWORDS.has(raw) || (raw.length < 2 && !/\p{N}/u.test(raw))) continue;
    const token = canonicalVerb(stem(raw));
    if (!STOPWORDS.has(token)) out.push(token);
  }
  return out;
}
