import { deconfuse } from '../lexical';
import { splitIdentifier } from '../text';
import type { Tool } from '../model/tool';
import type { RecommendationDraft } from './recommendation-draft';
import { distinctiveTerms } from './describe';

/** Names up to 64 characters work on every client (OpenAI-style function calling caps them there). */
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
  // Lookalike letters go too: a prefixed `slack_post_mеssage` (Cyrillic е) would still impersonate.
  const renamed = joinLike(name, [...slugParts, ...splitIdentifier(deconfuse(name))]).slice(0, MAX_TOOL_NAME_LENGTH);
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

/**
 * Rename to say what sets the tool apart: insert its most distinctive word before the name's last
 * word (`list_issues` vs `search_issues` → `list_repository_issues`). The fix for two tools of one
 * server, where a server prefix changes nothing.
 */
export function distinctiveRenameDraft(tool: Tool, other: Tool): RecommendationDraft | undefined {
  const name = tool.definition.name;
  const parts = splitIdentifier(name);
  const term = distinctiveTerms(tool, other).find((t) => /^[a-z]{3,}$/.test(t) && !parts.includes(t));
  if (!term || parts.length === 0) return undefined;
  const renamed = insertBeforeLastWord(name, term).slice(0, MAX_TOOL_NAME_LENGTH);
  if (renamed === name) return undefined;
  return {
    kind: 'rename',
    rationale: `Name what sets the tool apart ("${term}") so its name no longer reads like ${other.server}/${other.definition.name}.`,
    after: { name: renamed },
  };
}

/** `list_issues` + open → `list_open_issues`; `API-get-users` → `API-get-list-users`; `getUsers` → `getActiveUsers`. */
function insertBeforeLastWord(name: string, word: string): string {
  const separator = Math.max(name.lastIndexOf('_'), name.lastIndexOf('-'), name.lastIndexOf('.'));
  if (separator > 0) return `${name.slice(0, separator + 1)}${word}${name[separator]}${name.slice(separator + 1)}`;
  const lastCapital = name.search(/[A-Z][a-z0-9]*$/);
  if (lastCapital > 0) return `${name.slice(0, lastCapital)}${word[0].toUpperCase()}${word.slice(1)}${name.slice(lastCapital)}`;
  return `${name}_${word}`;
}
