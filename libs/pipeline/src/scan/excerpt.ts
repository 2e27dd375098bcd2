import { EXCERPT_CONTEXT } from './thresholds';

/** The match with some context, invisible and control characters made visible (`\u200b`), one line. */
export function excerpt(text: string, index: number, length: number): string {
  const start = Math.max(0, index - EXCERPT_CONTEXT);
  const end = Math.min(text.length, index + length + EXCERPT_CONTEXT);
  return `${start > 0 ? '…' : ''}${visible(text.slice(start, end))}${end < text.length ? '…' : ''}`;
}

/** Escapes characters a reviewer could not see, so evidence shows hidden content instead of hiding it again. */
export function visible(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]|[\u{E0000}-\u{E007F}]/gu, (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16)}`);
}
