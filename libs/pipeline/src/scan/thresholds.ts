/**
 * Per-tool scan limits. Measured on the 644 real tools in shared/data/registry (see the real-data spec):
 * median description 62 characters, 99th percentile ≈ 2,500, longest 3,866.
 */

/**
 * SEP-986 as shipped in the MCP spec (2025-11-25): names SHOULD be 1–128 characters of `[A-Za-z0-9_.-]`.
 * The SEP's first draft said 64, and OpenAI-style function calling rejects names over 64, so 65–128 is
 * reported LOW (portable in MCP, breaks on common clients) and over 128 MEDIUM (violates the spec).
 */
export const TOOL_NAME_MAX_LENGTH = 128;
export const TOOL_NAME_PORTABLE_MAX_LENGTH = 64;
export const TOOL_NAME_PATTERN = /^[A-Za-z0-9_.-]+$/;

/**
 * A description over 2,048 characters is LOW: about 1% of real tools, it spends agent context on every
 * request and gives room to bury instructions. Over 8,192 (twice the longest real tool we have) is MEDIUM.
 */
export const DESCRIPTION_LENGTH_LOW = 2048;
export const DESCRIPTION_LENGTH_MEDIUM = 8192;

/** All text of a tool (description, title, schema strings, annotations) over this is MEDIUM. */
export const TOTAL_TEXT_LENGTH_MEDIUM = 16384;

/** Evidence excerpts: characters kept on each side of a match. */
export const EXCERPT_CONTEXT = 60;

/** At most this many locations are listed per finding; `occurrences` still counts them all. */
export const MAX_LOCATIONS = 5;

/**
 * Strings shorter than this are not searched for cues (`[important]`, the shortest cue, is 11 characters):
 * it skips schema type names and enum values, most of the strings in a tool, at no cost in recall.
 */
export const MIN_CUE_TEXT_LENGTH = 10;
