import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { McpConnection } from '@toolgate/mcp';
import { UsageError } from '../cli-io';

export const SYNC_TRANSPORTS = ['stdio', 'sse', 'streamable_http'] as const;
export type SyncTransportFlag = (typeof SYNC_TRANSPORTS)[number];

/** What `toolgate sync <target> [args...]` points at: a live server, or a tools file for an offline dry diff. */
export type SyncTarget = { kind: 'live'; connection: McpConnection } | { kind: 'file'; file: string };

/**
 * An http(s) URL is a remote server (Streamable HTTP unless `--transport sse`); an existing `*.json` file is a
 * saved listing (offline); anything else is the command of a stdio server, run with `args`.
 */
export function parseSyncTarget(target: string, args: readonly string[], flags: { transport?: SyncTransportFlag; header: string[]; env: string[] }, cwd: string): SyncTarget {
  const isUrl = /^https?:\/\//i.test(target);
  const headers = parsePairs(flags.header, ':', '--header', 'Name: value');
  const env = parsePairs(flags.env, '=', '--env', 'NAME=value');
  if (isUrl) {
    if (args.length > 0) throw new UsageError(`a URL takes no arguments (got ${args.join(' ')})`);
    if (flags.env.length > 0) throw new UsageError('--env applies to stdio servers, not to a URL');
    if (flags.transport === 'stdio') throw new UsageError('--transport stdio needs a command, not a URL');
    return { kind: 'live', connection: { transport: flags.transport === 'sse' ? 'sse' : 'streamable_http', url: target, ...(flags.header.length ? { headers } : {}) } };
  }
  if (flags.transport === 'sse' || flags.transport === 'streamable_http') throw new UsageError(`--transport ${flags.transport} needs an http(s) URL`);
  if (flags.header.length > 0) throw new UsageError('--header applies to http(s) servers, not to a command');
  const file = path.resolve(cwd, target);
  if (target.toLowerCase().endsWith('.json') && existsSync(file) && statSync(file).isFile()) {
    if (args.length > 0 || flags.env.length > 0) throw new UsageError(`${target} is a tools file: it takes no arguments or --env`);
    return { kind: 'file', file };
  }
  return { kind: 'live', connection: { transport: 'stdio', command: target, args: [...args], cwd, ...(flags.env.length ? { env } : {}) } };
}

function parsePairs(values: readonly string[], separator: string, option: string, example: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf(separator);
    const key = at > 0 ? value.slice(0, at).trim() : '';
    if (!key) throw new UsageError(`${option} "${value}": expected ${example}`);
    pairs[key] = value.slice(at + 1).trim();
  }
  return pairs;
}
