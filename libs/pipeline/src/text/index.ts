export { splitIdentifier } from './identifier';
export { stem } from './stemmer';
export { canonicalVerb, isKnownVerb, STOPWORDS } from './synonyms';
export { nameTokens, textTokens } from './tokenize';
