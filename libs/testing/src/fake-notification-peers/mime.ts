/** A deliberately small MIME reader for the mails nodemailer writes (no attachments, no nesting beyond one level). */
export interface ParsedMail {
  headers: Map<string, string>;
  subject: string;
  /** text/plain part, decoded. */
  text?: string;
  /** text/html part, decoded. */
  html?: string;
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

function splitHeaders(raw: string): Part {
  const normalised = raw.replace(/\r\n/g, '\n');
  const end = normalised.indexOf('\n\n');
  const head = end === -1 ? normalised : normalised.slice(0, end);
  const body = end === -1 ? '' : normalised.slice(end + 2);
  const headers = new Map<string, string>();
  // Unfold continuation lines (RFC 5322 §2.2.3).
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body);
  return part.body;
}

export function decodeQuotedPrintable(text: string): string {
  const soft = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i += 1) {
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i] as string, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words (`=?UTF-8?Q?...?=` / `=?UTF-8?B?...?=`), as nodemailer writes non-ASCII subjects. */
export function decodeEncodedWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _charset: string, kind: string, data: string) =>
    kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
  );
}

export function parseMail(raw: string): ParsedMail {
  const root = splitHeaders(raw);
  const result: ParsedMail = { headers: root.headers, subject: decodeEncodedWords(root.headers.get('subject') ?? '') };
  const collect = (part: Part) => {
    const type = (part.headers.get('content-type') ?? 'text/plain').toLowerCase();
    const boundary = /boundary="?([^";]+)"?/i.exec(part.headers.get('content-type') ?? '')?.[1];
    if (type.startsWith('multipart/') && boundary) {
      const sections = part.body.split(`--${boundary}`);
      // sections[0] is the preamble; the last starts with "--" (the closing delimiter).
      for (const section of sections.slice(1)) {
        if (section.startsWith('--')) break;
        collect(splitHeaders(section.replace(/^\n/, '')));
      }
      return;
    }
    const decoded = decodeBody(part).replace(/\n$/, '');
    if (type.startsWith('text/plain') && result.text === undefined) result.text = decoded;
    else if (type.startsWith('text/html') && result.html === undefined) result.html = decoded;
  };
  collect(root);
  return result;
}
