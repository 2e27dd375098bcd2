/**
 * Splits identifiers the ways MCP servers write them: snake_case, kebab-case, camelCase,
 * PascalCase, dotted.names, "spaced words", and acronyms (`getHTTPResponse` → get, http, response).
 * Letters and digits are split apart (`v2` → v, 2).
 *
 * A single pass over the characters: this runs on every name, description and probe, and the
 * regular-expression version was the CLI's hottest function.
 */
export function splitIdentifier(input: string): string[] {
  const text = isPlainAscii(input) ? input : input.normalize('NFKC');
  const parts: string[] = [];
  let start = -1;
  let prevKind = CharKind.Other;
  for (let i = 0; i <= text.length; i++) {
    const kind = i < text.length ? charKind(text, i) : CharKind.Other;
    if (kind === CharKind.Other) {
      if (start >= 0) parts.push(text.slice(start, i).toLowerCase());
      start = -1;
    } else if (start < 0) {
      start = i;
    } else if (kind === CharKind.Lower && prevKind === CharKind.Upper && i - 2 >= start && charKind(text, i - 2) === CharKind.Upper) {
      // `HTTPResponse`: the last capital of a run starts the next word when a lowercase follows.
      parts.push(text.slice(start, i - 1).toLowerCase());
      start = i - 1;
    } else if (isBoundary(prevKind, kind)) {
      parts.push(text.slice(start, i).toLowerCase());
      start = i;
    }
    prevKind = kind;
  }
  return parts;
}

const enum CharKind {
  Other,
  Lower,
  Upper,
  Digit,
  /** Letters without case (CJK, etc.) and anything else that is a letter or number. */
  Letter,
}

function isBoundary(prev: CharKind, kind: CharKind): boolean {
  if (kind === CharKind.Digit) return prev !== CharKind.Digit;
  if (prev === CharKind.Digit) return true;
  return kind === CharKind.Upper && (prev === CharKind.Lower || prev === CharKind.Letter);
}

function charKind(text: string, i: number): CharKind {
  const c = text.charCodeAt(i);
  if (c >= 97 && c <= 122) return CharKind.Lower;
  if (c >= 65 && c <= 90) return CharKind.Upper;
  if (c >= 48 && c <= 57) return CharKind.Digit;
  if (c < 128) return CharKind.Other;
  // The second half of a surrogate pair continues the character the first half started.
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) return charKind(text, i - 1);
  const ch = String.fromCodePoint(text.codePointAt(i) ?? c);
  if (!LETTER_OR_NUMBER.test(ch)) return CharKind.Other;
  if (/\p{N}/u.test(ch)) return CharKind.Digit;
  if (ch !== ch.toLowerCase()) return CharKind.Upper;
  if (ch !== ch.toUpperCase()) return CharKind.Lower;
  return CharKind.Letter;
}

const LETTER_OR_NUMBER = /[\p{L}\p{N}\p{M}]/u;

function isPlainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}
