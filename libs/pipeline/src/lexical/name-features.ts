import { canonicalVerb, isKnownVerb, splitIdentifier, stem } from '../text';
import { deconfuse } from './confusables';
import { MAX_PAIR_TOKENS } from './thresholds';

/**
 * Everything the lexical stage needs about a name, computed once per tool (microseconds), so that
 * retrieval and pair checks never re-tokenise.
 */
export interface NameFeatures {
  raw: string;
  /** Lower case, separators removed, no homoglyph mapping: `Create-Task` → `createtask`. */
  asciiKey: string;
  /**
   * The collision key: NFKC, homoglyphs mapped to Latin, accents stripped, lower case, every separator
   * removed. `createTask`, `create_task`, `Create-Task`, `create.task`, `create task`, `сreate_task` → `createtask`.
   */
  collisionKey: string;
  /** True when the name holds characters the skeleton changed (lookalikes, fullwidth, invisible, accents). */
  hasConfusables: boolean;
  /** Words of the de-confused name, lower case, in order (`add_issues` → add, issues). */
  words: string[];
  /** Word stems in order, before verb canonicalisation (`add_issues` → add, issue). */
  stems: string[];
  /** `nameTokens` of the de-confused name: stems with verbs canonicalised (`add_issues` → create, issue). */
  tokens: string[];
  /** Sorted canonical tokens joined by a space: equal for the same multiset (`create_issue` / `issue_add`). */
  tokenKey: string;
  /** Unique canonical tokens. */
  uniqueTokens: string[];
  /** Unique canonical action verbs in the name (`add_issue` → create). */
  verbs: string[];
  /** Unique tokens that carry meaning on their own (not a generic verb or filler, see {@link isGenericToken}). */
  significantTokens: string[];
  /**
   * Index terms for token pairs (`issue|repository`): sorted pairs of the first {@link MAX_PAIR_TOKENS} unique
   * tokens with at least one significant token. Precomputed because every add, remove and query needs them.
   */
  tokenPairs: string[];
}

/**
 * Tokens too common in tool names to show two tools are related on their own: canonical action verbs and
 * filler nouns. Sharing only these (`get_x` / `get_y`) is never a lexical conflict.
 */
const GENERIC_NOUNS: ReadonlySet<string> = new Set([
  'id', 'data', 'item', 'object', 'all', 'by', 'for', 'to', 'of', 'in', 'on', 'with', 'from', 'and', 'or', 'the', 'a', 'an',
  'tool', 'mcp', 'api', 'value', 'result', 'v', 'my', 'current', 'default', 'new', 'detail', 'info',
]);

export function isGenericToken(token: string): boolean {
  return GENERIC_NOUNS.has(token) || isKnownVerb(token) || token.length < 2 || /^\p{N}+$/u.test(token);
}

const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/** Computes {@link NameFeatures} for a tool name. Pure and fast: call once per tool and keep the result. */
export function nameFeatures(name: string): NameFeatures {
  const deconfused = deconfuse(name);
  const words = splitIdentifier(deconfused);
  const stems = words.map(stem);
  const tokens = stems.map(canonicalVerb);
  const uniqueTokens = [...new Set(tokens)];
  const significantTokens = uniqueTokens.filter((t) => !isGenericToken(t));
  // A name made only of punctuation or symbols keeps itself as key, so `!!!` and `???` do not "collide" on ''.
  return {
    raw: name,
    asciiKey: name.toLowerCase().replace(SEPARATORS, '') || name,
    collisionKey: deconfused.toLowerCase().replace(SEPARATORS, '') || deconfused,
    hasConfusables: deconfused !== name,
    words,
    stems,
    tokens,
    tokenKey: [...tokens].sort().join(' '),
    uniqueTokens,
    verbs: uniqueTokens.filter(isKnownVerb),
    significantTokens,
    tokenPairs: pairTerms(uniqueTokens, significantTokens),
  };
}

function pairTerms(uniqueTokens: readonly string[], significantTokens: readonly string[]): string[] {
  const tokens = uniqueTokens.slice(0, MAX_PAIR_TOKENS).sort();
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (let j = i + 1; j < tokens.length; j++) {
      if (significantTokens.includes(tokens[i]) || significantTokens.includes(tokens[j])) out.push(`${tokens[i]}|${tokens[j]}`);
    }
  }
  return out;
}
