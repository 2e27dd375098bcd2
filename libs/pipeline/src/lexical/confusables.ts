/**
 * Homoglyph skeleton: maps characters that render like Latin letters onto those letters, so a tool named
 * `сreate_task` (Cyrillic с) meets `create_task`. A hand-picked subset of Unicode UTS #39 confusables:
 * the Cyrillic, Greek and Latin-extension letters that are visually identical to a Latin letter in common
 * fonts. Fullwidth and mathematical letters are folded by NFKC before the map; accents are stripped after.
 * Case is preserved so identifier splitting (camelCase) still works on the result.
 */
const CONFUSABLE_GROUPS: Record<string, string> = {
  // Cyrillic lower case
  а: 'a', с: 'c', е: 'e', о: 'o', р: 'p', х: 'x', у: 'y', і: 'i', ј: 'j', ѕ: 's', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ʏ: 'y',
  // Cyrillic upper case
  А: 'A', В: 'B', С: 'C', Е: 'E', Н: 'H', І: 'I', Ј: 'J', К: 'K', М: 'M', О: 'O', Р: 'P', Ѕ: 'S', Т: 'T', Х: 'X', У: 'Y', Ԁ: 'D', Ԛ: 'Q', Ԝ: 'W',
  // Greek
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  α: 'a', ο: 'o', ρ: 'p', ν: 'v', ι: 'i', κ: 'k', υ: 'u', χ: 'x', γ: 'y',
  // Latin extensions and letterlike symbols NFKC leaves alone
  ı: 'i', ȷ: 'j', ɑ: 'a', ɡ: 'g', ɩ: 'i', ɪ: 'i', ʀ: 'r', ꜱ: 's', ᴀ: 'a', ᴄ: 'c', ᴇ: 'e', ᴏ: 'o', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ᴢ: 'z',
};

const CONFUSABLES: ReadonlyMap<string, string> = new Map(Object.entries(CONFUSABLE_GROUPS));
const COMBINING_MARKS = /\p{Mn}/gu;
// Characters with no width that could hide inside a name (zero-width space/joiners, BOM, soft hyphen).
const INVISIBLE = /[\u00AD\u200B-\u200F\u2060-\u2064\uFEFF]/g;

/** One character replaced by the skeleton: what it was, and which Latin letter it imitates. */
export interface ConfusableChar {
  char: string;
  codePoint: string;
  looksLike: string;
}

/** The name with lookalikes replaced by Latin letters, case and separators kept (NFKC, map, strip accents). */
export function deconfuse(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKC').replace(INVISIBLE, '')) out += CONFUSABLES.get(ch) ?? ch;
  return /[^\u0000-\u007F]/.test(out) ? out.normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC') : out;
}

/** The characters of `text` the skeleton changes (for evidence). Invisible characters report `looksLike: ''`. */
export function confusableChars(text: string): ConfusableChar[] {
  const out: ConfusableChar[] = [];
  for (const ch of text) {
    const mapped = deconfuse(ch);
    if (mapped === ch) continue;
    const codePoint = `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    out.push({ char: ch, codePoint, looksLike: mapped });
  }
  return out;
}
