/**
 * Finds the line where each wanted JSON pointer's value starts, so SARIF can put an annotation on
 * the tool itself rather than on line 1 of its file. The text has already parsed with JSON.parse,
 * so the scanner assumes valid JSON; it only descends into values on the way to a wanted pointer
 * and skips the rest (large input schemas) by bracket counting.
 */
export function locatePointers(text: string, wanted: ReadonlySet<string>): Map<string, number> {
  const found = new Map<string, number>();
  const prefixes = new Set<string>();
  for (const pointer of wanted) for (let cut = pointer.lastIndexOf('/'); cut > 0; cut = pointer.lastIndexOf('/', cut - 1)) prefixes.add(pointer.slice(0, cut));
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;

  const skipSpace = () => {
    for (; i < text.length; i++) {
      const ch = text[i];
      if (ch === '\n') line++;
      else if (ch !== ' ' && ch !== '\t' && ch !== '\r') return;
    }
  };
  // At an opening quote; returns the decoded string (JSON.parse does the escapes) and moves past it.
  const readString = (): string => {
    const start = i;
    for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const skipValue = () => {
    if (text[i] === '"') return void readString();
    if (text[i] !== '{' && text[i] !== '[') {
      while (i < text.length && !',}] \t\r\n'.includes(text[i])) i++;
      return;
    }
    let depth = 0;
    do {
      const ch = text[i];
      if (ch === '"') {
        readString();
        continue;
      }
      if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') depth--;
      else if (ch === '\n') line++;
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
        token = readString().replace(/~/g, '~0').replace(/\//g, '~1');
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
