/**
 * Lexical stage thresholds. Each one is a judgement call; the comment says why it sits where it does.
 * docs/conflict-detection.md lists them.
 */

/**
 * Near-name (typo) detection needs names of at least this many letters (collision key length of the
 * shorter name). Below it one edit usually makes another real word: `ls`/`rm`, `get`/`set`, `add`/`and`.
 */
export const NEAR_NAME_MIN_LENGTH = 5;

/** Longest name (collision key length) that allows only one edit. Longer names allow two. */
export const NEAR_NAME_ONE_EDIT_MAX_LENGTH = 9;

/** Max edit distance for a near-name finding, scaled to the shorter name's length. */
export function nearNameMaxDistance(length: number): number {
  if (length < NEAR_NAME_MIN_LENGTH) return 0;
  return length <= NEAR_NAME_ONE_EDIT_MAX_LENGTH ? 1 : 2;
}

/**
 * Differing words shorter than this (both of them) are whole words, not typos: `get`/`set`, `id`/`ip`,
 * `put`/`cut`. Typos are judged when the longer word has at least this many letters (`bank`/`bnk`).
 */
export const TYPO_TOKEN_MIN_LENGTH = 4;

/**
 * Words at least this long can lose (or gain) their first or last letter by a slip (`ctivity`, `cance`).
 * Shorter words that do so become other words (`lock`/`block`, `star`/`start`).
 */
export const EDGE_TYPO_MIN_LENGTH = 6;

/** Token Jaccard (unique canonical tokens) at or above which names overlap MEDIUM (e.g. 2 of 3 tokens). */
export const TOKEN_JACCARD_MEDIUM = 0.66;

/**
 * Token Jaccard at or above which names overlap LOW: half the distinct tokens shared (3-token names
 * sharing 2). At 0.4 a realistic 2,000-tool registry produced two LOW overlaps per tool, mostly siblings
 * like `list_open_invoices` / `list_paid_invoices`; 0.5 plus the different-action rule keeps the signal.
 */
export const TOKEN_JACCARD_LOW = 0.5;

/**
 * A LOW (partial) overlap also needs this many shared significant tokens. With one (the object noun) a
 * realistic 2,000-tool registry gave a LOW finding for one tool in four (`count_primary_subscriptions` /
 * `count_channel_subscriptions`), each one a conflict for the later stages to process.
 */
export const LOW_MIN_SHARED_SIGNIFICANT = 2;

/** Score of a same-token-multiset overlap (`create_issue` vs `add_issue`): as confusing as a near-name. */
export const TOKEN_SAME_MULTISET_SCORE = 0.9;

/**
 * Retrieval caps. A posting list longer than this is skipped at query time: a token pair or a token that
 * common (e.g. `github|list` in a registry of thousands) says little about a specific pair, and following
 * it would make retrieval linear. Exact keys, deletion variants and full token multisets are never capped.
 */
export const PAIR_POSTING_CAP = 64;
export const TOKEN_POSTING_CAP = 16;

/** Only the first N unique tokens of a name feed the pair index: bounds pairs per name at N·(N−1)/2. */
export const MAX_PAIR_TOKENS = 8;

/**
 * A typo-like near name whose description equals the other's, or copies its opening of at least this many
 * characters, is CRITICAL (a squat): nothing is left for the agent to tell them apart. 30 characters is
 * about one real sentence; shorter shared openings (`Adds two numbers.`) are too generic to count.
 */
export const COPIED_DESCRIPTION_MIN_LENGTH = 30;
