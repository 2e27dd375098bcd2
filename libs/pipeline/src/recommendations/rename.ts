import { splitIdentifier } from '../text';
import type { Tool } from '../model/tool';
import type { RecommendationDraft } from './recommendation-draft';

/** SEP-986: tool names are at most 64 characters. */
export const MAX_TOOL_NAME_LENGTH = 64;

/** A name-safe slug of the server: the namespace an agent can see in the tool name. */
export function serverSlug(server: string): string {
  return splitIdentifier(server)
    .filter((part) => !['mcp', 'server', 'livemcp'].includes(part))
    .join('_')
    .replace(/[^a-z0-9_]/g, '')
    .slice(0, 24);
}

/**
 * Rename: prefix the tool with its server so two servers' tools stop colliding. Keeps the name's own
 * separator style (snake, kebab or camel), and stays within 64 characters.
 */
export function renameDraft(tool: Tool): RecommendationDraft | undefined {
  const name = tool.definition.name;
  const slug = serverSlug(tool.server);
  if (!slug) return undefined;
  const nameParts = splitIdentifier(name);
  const slugParts = slug.split('_');
  if (slugParts.every((p, i) => nameParts[i] === p)) return undefined;
  const renamed = joinLike(name, [...slugParts, ...nameParts]).slice(0, MAX_TOOL_NAME_LENGTH);
  if (renamed === name) return undefined;
  return {
    kind: 'rename',
    rationale: `Prefix the tool with its server ("${slug}") so an agent that loads both servers can tell the tools apart by name.`,
    after: { name: renamed },
  };
}

function joinLike(original: string, parts: string[]): string {
  if (original.includes('-') && !original.includes('_')) return parts.join('-');
  if (/[a-z][A-Z]/.test(original) && !original.includes('_')) {
    return parts.map((p, i) => (i === 0 ? p : p.charAt(0).toUpperCase() + p.slice(1))).join('');
  }
  return parts.join('_');
}
