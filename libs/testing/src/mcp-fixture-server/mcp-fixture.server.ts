/**
 * A small MCP server for sync tests, built with the SDK's low-level Server so tests control tools/list
 * exactly. Run it as a child process (see `mcpFixtureStdio` / `startMcpFixtureHttp`); configured by env:
 *
 * - MCP_FIXTURE_TRANSPORT   `stdio` (default) or `http` (Streamable HTTP, stateless, POST /mcp)
 * - MCP_FIXTURE_PORT        HTTP port (default 0: a free one). The server prints `MCP_FIXTURE_LISTENING <url>` on stderr.
 * - MCP_FIXTURE_TOOLS_FILE  JSON array of tools (or `{tools: [...]}`), re-read on EVERY tools/list, so a test can
 *                           change a description between two syncs. Without it: the built-in DEFAULT_FIXTURE_TOOLS.
 * - MCP_FIXTURE_PAGE_SIZE   tools per tools/list page (default 0: everything on one page)
 * - MCP_FIXTURE_DIE_ON_PAGE N (1-based): on the request for page N the server dies: stdio exits the process,
 *                           HTTP destroys the connection without an answer
 * - MCP_FIXTURE_SLOW_MS     delay before every tools/list answer
 * - MCP_FIXTURE_CURSOR      `repeat`: every page answers the same nextCursor (a protocol error for the client)
 * - MCP_FIXTURE_NAME / MCP_FIXTURE_VERSION / MCP_FIXTURE_INSTRUCTIONS  the serverInfo reported at initialize
 * - MCP_FIXTURE_PID_FILE    the process writes its pid there (tests check the child is gone after a sync)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { DEFAULT_FIXTURE_TOOLS } from './mcp-fixture.tools';

const env = process.env;
const pageSize = Number(env['MCP_FIXTURE_PAGE_SIZE'] ?? 0);
const dieOnPage = Number(env['MCP_FIXTURE_DIE_ON_PAGE'] ?? 0);
const slowMs = Number(env['MCP_FIXTURE_SLOW_MS'] ?? 0);

function readTools(): unknown[] {
  const file = env['MCP_FIXTURE_TOOLS_FILE'];
  if (!file) return DEFAULT_FIXTURE_TOOLS;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  return Array.isArray(parsed) ? parsed : ((parsed as { tools: unknown[] }).tools ?? []);
}

/** `die` is how this transport dies mid-listing. */
function buildServer(die: () => void): Server {
  const server = new Server(
    { name: env['MCP_FIXTURE_NAME'] ?? 'toolgate-fixture', version: env['MCP_FIXTURE_VERSION'] ?? '1.0.0' },
    { capabilities: { tools: { listChanged: false } }, ...(env['MCP_FIXTURE_INSTRUCTIONS'] ? { instructions: env['MCP_FIXTURE_INSTRUCTIONS'] } : {}) },
  );
  server.setRequestHandler(ListToolsRequestSchema, async (request) => {
    const cursor = request.params?.cursor;
    const page = cursor === undefined ? 1 : Number(cursor.replace(/^page-/, ''));
    if (dieOnPage > 0 && page >= dieOnPage) {
      die();
      await new Promise(() => undefined); // never answers
    }
    if (slowMs > 0) await new Promise((resolve) => setTimeout(resolve, slowMs));
    const tools = readTools();
    if (pageSize <= 0) return { tools } as never;
    const slice = tools.slice((page - 1) * pageSize, page * pageSize);
    const more = page * pageSize < tools.length;
    const nextCursor = env['MCP_FIXTURE_CURSOR'] === 'repeat' ? 'page-2' : more ? `page-${page + 1}` : undefined;
    return { tools: slice, ...(nextCursor ? { nextCursor } : {}) } as never;
  });
  server.setRequestHandler(CallToolRequestSchema, async (request) => ({ content: [{ type: 'text', text: `called ${request.params.name}` }] }));
  return server;
}

async function serveStdio(): Promise<void> {
  await buildServer(() => process.exit(3)).connect(new StdioServerTransport());
}

async function serveHttp(): Promise<void> {
  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url !== '/mcp') return void res.writeHead(404).end();
    // Stateless Streamable HTTP: one server and transport per request (the SDK's stateless example).
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: env['MCP_FIXTURE_JSON'] === '1' });
    const server = buildServer(() => req.socket.destroy());
    res.on('close', () => void transport.close().then(() => server.close()));
    void server.connect(transport).then(() => transport.handleRequest(req, res));
  });
  http.listen(Number(env['MCP_FIXTURE_PORT'] ?? 0), '127.0.0.1', () => {
    const { port } = http.address() as AddressInfo;
    process.stderr.write(`MCP_FIXTURE_LISTENING http://127.0.0.1:${port}/mcp\n`);
  });
  process.on('SIGTERM', () => http.close(() => process.exit(0)));
}

if (env['MCP_FIXTURE_PID_FILE']) writeFileSync(env['MCP_FIXTURE_PID_FILE'], String(process.pid));
void (env['MCP_FIXTURE_TRANSPORT'] === 'http' ? serveHttp() : serveStdio());
