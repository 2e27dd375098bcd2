import type { Tool } from '../model';
import { splitIdentifier } from '../text';

/** Descriptions past this length add cost and dilute the name; the first paragraphs carry the intent. */
const MAX_DESCRIPTION_CHARS = 1500;
const MAX_PARAMETERS = 24;
const MAX_PARAMETER_DESCRIPTION_CHARS = 160;

/** Line prefixes of a fingerprint. The LocalEmbedder weighs fields by them; remote embedders read plain text. */
export const FINGERPRINT_FIELDS = {
  name: 'Tool: ',
  title: 'Title: ',
  description: 'Description: ',
  parameters: 'Parameters: ',
  server: 'Server: ',
} as const;

/**
 * The text a tool is embedded from: what an agent reads when choosing it. One field per line,
 * name words first (split from the identifier), then title, description, parameter names with
 * their descriptions, and the server name last as light context.
 */
export function fingerprintText(tool: Tool): string {
  const d = tool.definition;
  const lines = [FINGERPRINT_FIELDS.name + splitIdentifier(d.name).join(' ')];
  if (d.title && d.title.trim()) lines.push(FINGERPRINT_FIELDS.title + oneLine(d.title));
  const description = oneLine(d.description ?? '').slice(0, MAX_DESCRIPTION_CHARS);
  if (description) lines.push(FINGERPRINT_FIELDS.description + description);
  const params = parameterPhrases(d.inputSchema);
  if (params.length > 0) lines.push(FINGERPRINT_FIELDS.parameters + params.join('; '));
  lines.push(FINGERPRINT_FIELDS.server + splitIdentifier(tool.server).join(' '));
  return lines.join('\n');
}

/** `owner (Repository owner)` for each top-level input property, in schema order. */
export function parameterPhrases(schema: Record<string, unknown> | undefined): string[] {
  const properties = schema?.['properties'];
  if (!properties || typeof properties !== 'object') return [];
  const out: string[] = [];
  for (const [name, raw] of Object.entries(properties as Record<string, unknown>).slice(0, MAX_PARAMETERS)) {
    const words = splitIdentifier(name).join(' ');
    const description =
      raw && typeof raw === 'object' && typeof (raw as Record<string, unknown>)['description'] === 'string'
        ? oneLine((raw as Record<string, string>)['description']).slice(0, MAX_PARAMETER_DESCRIPTION_CHARS)
        : '';
    out.push(description ? `${words} (${description})` : words);
  }
  return out;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
