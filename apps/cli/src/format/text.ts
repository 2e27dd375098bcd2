import type { Recommendation } from '@toolgate/pipeline';

/**
 * Text helpers shared by the human formats. Tool names, descriptions and evidence come from the
 * registry, which may be hostile (poisoned tools are the point of this product): strip terminal
 * control sequences and keep every rendered value short.
 */

// C0/C1 control characters, including ESC, which would let a tool description drive the terminal.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;
// Invisible and bidi-control characters (zero-width, RLO, isolates, BOM): a name that hides one is an
// attack a reviewer must see, so they are spelled out instead of dropped.
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

export function clean(text: string): string {
  return text
    .replace(CONTROL, ' ')
    .replace(INVISIBLE, (ch) => `<U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`)
    .replace(/\s+/g, ' ')
    .trim();
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** `key: value` pairs of a finding's evidence on one line, at most `max` characters. */
export function evidenceLine(evidence: Record<string, unknown>, max = 120): string {
  const parts = Object.entries(evidence).map(([key, value]) => `${key}: ${valueText(value)}`);
  return truncate(clean(parts.join('; ')), max);
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return `"${truncate(clean(value), 60)}"`;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  if (Array.isArray(value)) return `[${truncate(value.map(valueText).join(', '), 80)}]`;
  if (value && typeof value === 'object') return truncate(JSON.stringify(value), 80);
  return String(value);
}

export function score(value: number): string {
  return value.toFixed(2);
}

/** The recommendation that lowers the pair's score the most. */
export function topRecommendation(recommendations: readonly Recommendation[]): Recommendation | undefined {
  return [...recommendations].sort(
    (x, y) => x.verification.scoreAfter - x.verification.scoreBefore - (y.verification.scoreAfter - y.verification.scoreBefore),
  )[0];
}

export function recommendationText(r: Recommendation): string {
  const { before, after } = r.patch;
  const change =
    r.kind === 'rename' && after.name
      ? `rename ${clean(String(before.name ?? r.target.tool))} → ${clean(after.name)}`
      : `${r.kind} of ${clean(`${r.target.server}/${r.target.tool}`)}`;
  const verified = `score ${score(r.verification.scoreBefore)} → ${score(r.verification.scoreAfter)}`;
  return `${change}: ${truncate(clean(r.rationale), 100)} (${verified})`;
}
