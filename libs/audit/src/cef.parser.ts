// A CEF reader written from the ArcSight CEF specification (rev 25), not from our formatter, so the
// tests check the formatter against the spec:
// - the header has 7 fields separated by unescaped `|`; inside header fields `\|` is `|` and `\\` is `\`;
// - the extension is space-separated key=value pairs; keys are alphanumeric; a value runs until the space
//   that precedes the next unescaped `=`'s key, so values may contain spaces;
// - inside extension values `\=` is `=`, `\\` is `\`, `\n` and `\r` are line breaks; `|` is literal.

/** A parsed CEF event. */
export interface CefEvent {
  version: number;
  deviceVendor: string;
  deviceProduct: string;
  deviceVersion: string;
  signatureId: string;
  name: string;
  severity: string;
  extension: Record<string, string>;
}

export class CefParseError extends Error {}

const KEY = /^[A-Za-z0-9_.[\]]+$/;

/** Parses one CEF line (no syslog prefix; a trailing line break is allowed). */
export function parseCef(line: string): CefEvent {
  const text = line.replace(/\r?\n$/, '');
  if (!text.startsWith('CEF:')) throw new CefParseError('not a CEF line: missing "CEF:" prefix');
  const fields: string[] = [];
  let current = '';
  let i = 4;
  for (; i < text.length && fields.length < 7; i++) {
    const c = text[i]!;
    if (c === '\\' && (text[i + 1] === '|' || text[i + 1] === '\\')) {
      current += text[i + 1];
      i++;
    } else if (c === '|') {
      fields.push(current);
      current = '';
    } else {
      if (c === '\n' || c === '\r') throw new CefParseError('line break in the header');
      current += c;
    }
  }
  if (fields.length < 7) throw new CefParseError(`header has ${fields.length} of 7 fields`);
  const [version, deviceVendor, deviceProduct, deviceVersion, signatureId, name, severity] = fields as [string, string, string, string, string, string, string];
  if (!/^\d+$/.test(version)) throw new CefParseError(`bad CEF version "${version}"`);
  return { version: Number(version), deviceVendor, deviceProduct, deviceVersion, signatureId, name, severity, extension: parseExtension(text.slice(i)) };
}

/** Positions of unescaped `=` in an extension string. */
function separatorPositions(ext: string): number[] {
  const positions: number[] = [];
  for (let i = 0; i < ext.length; i++) {
    if (ext[i] === '\\') i++;
    else if (ext[i] === '=') positions.push(i);
  }
  return positions;
}

function unescapeValue(raw: string): string {
  return raw.replace(/\\(.)/gs, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c));
}

/** Parses the extension: each unescaped `=` ends a key that starts after the preceding space (or the start). */
export function parseExtension(ext: string): Record<string, string> {
  const result: Record<string, string> = {};
  const equals = separatorPositions(ext);
  const keyStarts = equals.map((eq) => ext.lastIndexOf(' ', eq) + 1);
  if (keyStarts.length > 0 && keyStarts[0] !== 0) throw new CefParseError(`text before the first key: "${ext.slice(0, keyStarts[0])}"`);
  equals.forEach((eq, n) => {
    const key = ext.slice(keyStarts[n], eq);
    if (!KEY.test(key)) throw new CefParseError(`bad extension key "${key}"`);
    // The value ends at the single space separating it from the next key (or at the end of the line).
    const end = n + 1 < equals.length ? keyStarts[n + 1]! - 1 : ext.length;
    if (end < eq + 1) throw new CefParseError(`no space before key after "${key}"`);
    result[key] = unescapeValue(ext.slice(eq + 1, end));
  });
  if (equals.length === 0 && ext.trim() !== '') throw new CefParseError('extension without key=value pairs');
  return result;
}
