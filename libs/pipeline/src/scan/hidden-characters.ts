import type { Severity } from '../model';

/** A class of invisible characters, with the severity of finding it in tool text. */
export interface HiddenCharClass {
  id: string;
  severity: Severity;
  pattern: RegExp;
  why: string;
}

/**
 * Unicode tag characters (U+E0000–E007F) spell ASCII invisibly ("ASCII smuggling"): CRITICAL, they have no
 * use in tool text. Bidi controls reorder what a reviewer sees (Trojan Source): HIGH. Zero-width characters
 * hide or split words: HIGH, except ZWJ/ZWNJ between non-ASCII letters or emoji, where scripts need them.
 */
export const HIDDEN_CHAR_CLASSES: readonly HiddenCharClass[] = [
  { id: 'tag-characters', severity: 'CRITICAL', pattern: /[\u{E0000}-\u{E007F}]/gu, why: 'Unicode tag characters encode invisible text' },
  { id: 'bidi-control', severity: 'HIGH', pattern: /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, why: 'bidirectional controls make text display differently from what the model reads' },
  {
    id: 'zero-width',
    severity: 'HIGH',
    pattern: /[\u180E\u200B\u2060-\u2064\uFEFF]|(?<=[\x21-\x7E])[\u200C\u200D]|[\u200C\u200D](?=[\x21-\x7E])/g,
    why: 'zero-width characters hide or split text',
  },
];

/** Code points (`U+200B`) of the hidden characters of one class in `text`, and the first index. */
export function findHidden(text: string, cls: HiddenCharClass): { index: number; codePoints: string[] } | undefined {
  cls.pattern.lastIndex = 0;
  const codePoints = new Set<string>();
  let index = -1;
  for (const m of text.matchAll(cls.pattern)) {
    if (index < 0) index = m.index ?? 0;
    codePoints.add(`U+${(m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
  }
  return index < 0 ? undefined : { index, codePoints: [...codePoints] };
}
