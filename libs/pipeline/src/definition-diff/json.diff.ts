import { escapePointerToken } from '../input/json-pointer';
import { canonicalJson } from './content-hash';

/** One difference between two JSON values, at a JSON pointer (RFC 6901). */
export type JsonChange = { kind: 'added'; path: string; after: unknown } | { kind: 'removed'; path: string; before: unknown } | { kind: 'changed'; path: string; before: unknown; after: unknown };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The differences between two JSON documents as added/removed/changed paths. Objects are compared key by
 * key (key order never matters), arrays index by index; any other value (or a type change) is a
 * `changed` at its path. Sorted by path.
 */
export function diffJson(before: unknown, after: unknown, path = ''): JsonChange[] {
  const changes: JsonChange[] = [];
  walk(before, after, path, changes);
  return changes.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}

function walk(before: unknown, after: unknown, path: string, out: JsonChange[]): void {
  if (before === undefined && after === undefined) return;
  if (before === undefined) return void out.push({ kind: 'added', path, after });
  if (after === undefined) return void out.push({ kind: 'removed', path, before });
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) walk(before[key], after[key], `${path}/${escapePointerToken(key)}`, out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i += 1) walk(before[i], after[i], `${path}/${i}`, out);
    return;
  }
  if (canonicalJson(before) !== canonicalJson(after)) out.push({ kind: 'changed', path, before, after });
}
