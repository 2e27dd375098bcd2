/**
 * Finds the line where each wanted JSON pointer's value starts, so SARIF can put an annotation on
 * the tool itself rather than on line 1 of its file. The text has already parsed with JSON.parse,
 * so the scanner assumes valid JSON; it only descends into values on the way to a wanted pointer
 * and skips the rest (large input schemas) by bracket counting.
 */
const [NL, CR, TAB, SPACE, QUOTE, BACKSLASH] = [10, 13, 9, 32, 34, 92];
const [OPEN_OBJECT, CLOSE_OBJECT, OPEN_ARRAY, CLOSE_ARRAY, COMMA] = [123, 125, 91, 93, 44];
const SCALAR_END = new Set([COMMA, CLOSE_OBJECT, CLOSE_ARRAY, SPACE, TAB, CR, NL]);

export function locatePointers(text: string, wanted: ReadonlySet<string>): Map<string, number> {
  const found = new Map<string, number>();
  const prefixes = new Set<string>();
  for (const pointer of wanted) for (let cut = pointer.lastIndexOf('/'); cut > 0; cut = pointer.lastIndexOf('/', cut - 1)) prefixes.add(pointer.slice(0, cut));
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;

  const skipSpace = () => {
    for (; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === NL) line++;
      else if (ch !== SPACE && ch !== TAB && ch !== CR) return;
    }
  };
  // At an opening quote; moves past the closing one. JSON strings hold no raw newlines.
  const skipString = () => {
    for (let close = text.indexOf('"', i + 1); ; close = text.indexOf('"', close + 1)) {
      let backslashes = 0;
      while (text.charCodeAt(close - 1 - backslashes) === BACKSLASH) backslashes++;
      if (backslashes % 2 === 0 || close === -1) {
        i = close === -1 ? text.length : close + 1;
        return;
      }
    }
  };
  const readKey = (): string => {
    const start = i;
    skipString();
    const raw = text.slice(start + 1, i - 1);
    return raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
  };
  const skipValue = () => {
    const first = text.charCodeAt(i);
    if (first === QUOTE) return skipString();
    if (first !== OPEN_OBJECT && first !== OPEN_ARRAY) {
      while (i < text.length && !SCALAR_END.has(text.charCodeAt(i))) i++;
      return;
    }
    let depth = 0;
    do {
      const ch = text.charCodeAt(i);
      if (ch === QUOTE) {
        skipString();
        continue;
      }
      if (ch === OPEN_OBJECT || ch === OPEN_ARRAY) depth++;
      else if (ch === CLOSE_OBJECT || ch === CLOSE_ARRAY) depth--;
      else if (ch === NL) line++;
      i++;
    } while (depth > 0 && i < text.length);
  };
  const value = (pointer: string): void => {
    skipSpace();
    if (wanted.has(pointer)) found.set(pointer, line);
    const open = text[i];
    if (pointer !== '' && !prefixes.has(pointer)) return skipValue();
    if (open !== '{' && open !== '[') return skipValue();
    i++;
    for (let index = 0; ; index++) {
      skipSpace();
      if (text[i] === '}' || text[i] === ']') break;
      let token = String(index);
      if (open === '{') {
        token = readKey().replace(/~/g, '~0').replace(/\//g, '~1');
        skipSpace();
        i++; // ':'
      }
      value(`${pointer}/${token}`);
      skipSpace();
      if (text[i] === ',') i++;
    }
    i++;
  };
  value('');
  return found;
}
