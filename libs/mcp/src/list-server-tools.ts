/**
 * One sync listing: a session (handshake by the SDK), tools/list followed through every page, every tool
 * validated. All or nothing: any failure throws McpSyncError and no partial list escapes, so a failure
 * is never read as "all tools removed". The connection (and a stdio child) is closed on every path.
 */
import { z } from 'zod';
import type { McpConnection } from './mcp-connection';
import { type McpServerInfo, type McpSession, type McpSessionOptions, type SessionProgress, withMcpSession } from './mcp-session';
import { McpSyncError } from './mcp-sync.errors';
import { type McpToolDefinition, validateListedTool } from './mcp-tool';

export const DEFAULT_SYNC_MAX_TOOLS = 1_000;
export const DEFAULT_SYNC_MAX_PAGES = 100;

export interface ListServerToolsOptions extends Omit<McpSessionOptions, 'onProgress'> {
  /** More tools than this fails with TOO_MANY_TOOLS. Default 1,000. */
  maxTools?: number;
  /** More tools/list pages than this fails with PROTOCOL_ERROR. Default 100. */
  maxPages?: number;
  /** Progress events for a CLI's stderr. */
  onProgress?: (event: ListProgress) => void;
}

export type ListProgress = SessionProgress | { phase: 'page'; page: number; tools: number };

export interface ServerToolListing {
  serverInfo: McpServerInfo;
  tools: McpToolDefinition[];
}

/** tools/list kept loose here: the tools are validated one by one below, with errors naming the tool. */
const ListPageSchema = z.looseObject({ tools: z.array(z.unknown()), nextCursor: z.string().optional() });

/**
 * Lists a live server's tools. Throws McpSyncError (CONNECT_FAILED, CONNECTION_CLOSED, TIMEOUT,
 * PROTOCOL_ERROR, INVALID_TOOL, TOO_MANY_TOOLS, URL_NOT_ALLOWED, ABORTED).
 */
export function listServerTools(connection: McpConnection, options: ListServerToolsOptions = {}): Promise<ServerToolListing> {
  return withMcpSession(connection, options, async (session) => ({ serverInfo: session.serverInfo, tools: await listAllTools(session, options) }));
}

async function listAllTools({ client, signal, requestTimeoutMs }: McpSession, options: ListServerToolsOptions): Promise<McpToolDefinition[]> {
  const maxTools = options.maxTools ?? DEFAULT_SYNC_MAX_TOOLS;
  const maxPages = options.maxPages ?? DEFAULT_SYNC_MAX_PAGES;
  const tools: McpToolDefinition[] = [];
  const names = new Set<string>();
  const seenCursors = new Set<string>();
  let cursor: string | undefined;
  for (let page = 1; ; page += 1) {
    if (page > maxPages) throw new McpSyncError('PROTOCOL_ERROR', `tools/list did not end within ${maxPages} pages`, { maxPages });
    const result = await client.request({ method: 'tools/list', params: cursor === undefined ? {} : { cursor } }, ListPageSchema, { signal, timeout: requestTimeoutMs() });
    for (const raw of result.tools) {
      const tool = validateListedTool(raw, tools.length);
      if (names.has(tool.name)) throw new McpSyncError('INVALID_TOOL', `tool "${tool.name}" is listed twice`, { tool: tool.name, field: 'name' });
      names.add(tool.name);
      tools.push(tool);
      if (tools.length > maxTools) throw new McpSyncError('TOO_MANY_TOOLS', `the server lists more than ${maxTools} tools (SYNC_MAX_TOOLS)`, { maxTools });
    }
    options.onProgress?.({ phase: 'page', page, tools: tools.length });
    cursor = result.nextCursor;
    if (cursor === undefined || cursor === '') return tools;
    if (seenCursors.has(cursor)) throw new McpSyncError('PROTOCOL_ERROR', `tools/list repeated the cursor "${cursor.slice(0, 64)}" (the listing would never end)`, { page });
    seenCursors.add(cursor);
  }
}
