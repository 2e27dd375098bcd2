/** One run of a word-level text diff. */
export interface TextDiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** Above this many tokens per side the LCS table (n × m) is not built: the texts count as replaced whole. */
const MAX_TOKENS = 2000;

function tokenize(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/**
 * A word-level diff (longest common subsequence over words and whitespace runs), enough to show what a
 * description change added or removed, e.g. an injected instruction. Adjacent runs of one op are merged.
 */
export function diffText(before: string, after: string): TextDiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  if (a.length > MAX_TOKENS || b.length > MAX_TOKENS) {
    return merge([...(before ? [{ op: 'delete' as const, text: before }] : []), ...(after ? [{ op: 'insert' as const, text: after }] : [])]);
  }
  // lcs[i][j]: LCS length of a[i..] and b[j..]
  const lcs: Uint16Array[] = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const parts: TextDiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      parts.push({ op: 'equal', text: a[i++]! });
      j += 1;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) parts.push({ op: 'delete', text: a[i++]! });
    else parts.push({ op: 'insert', text: b[j++]! });
  }
  while (i < a.length) parts.push({ op: 'delete', text: a[i++]! });
  while (j < b.length) parts.push({ op: 'insert', text: b[j++]! });
  return merge(parts);
}

function merge(parts: TextDiffPart[]): TextDiffPart[] {
  const out: TextDiffPart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (last && last.op === part.op) last.text += part.text;
    else out.push({ ...part });
  }
  return out;
}

/** `keeps [-removed-]{+added+} text`: the git --word-diff=plain notation. */
export function renderTextDiff(parts: readonly TextDiffPart[]): string {
  return parts.map((p) => (p.op === 'equal' ? p.text : p.op === 'delete' ? `[-${p.text}-]` : `{+${p.text}+}`)).join('');
}
