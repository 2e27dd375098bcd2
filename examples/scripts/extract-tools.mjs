#!/usr/bin/env node
/**
 * Re-creates the real (non hand-made) files of examples/ from published MCP servers.
 *
 * It starts each server over stdio with the official SDK client, calls `tools/list` (following
 * `nextCursor`), and writes `examples/<server>.json` as
 * `{ "server": "<name>", "source": "npm:<pkg>@<version>", "tools": [...] }`.
 * Tool definitions are written exactly as the server listed them (name, title, description,
 * inputSchema, outputSchema, annotations), in the server's order.
 *
 * The servers are NOT dependencies of Toolgate: install them in a scratch folder outside the repo.
 *
 *   mkdir /tmp/mcp-extract && cd /tmp/mcp-extract && npm init -y
 *   npm install --ignore-scripts @modelcontextprotocol/sdk @modelcontextprotocol/server-everything \
 *     @modelcontextprotocol/server-filesystem @modelcontextprotocol/server-memory \
 *     @modelcontextprotocol/server-github @modelcontextprotocol/server-slack \
 *     @modelcontextprotocol/server-postgres @modelcontextprotocol/server-puppeteer \
 *     @modelcontextprotocol/server-sequential-thinking @aashari/mcp-server-atlassian-jira \
 *     @notionhq/notion-mcp-server
 *   node <repo>/examples/scripts/extract-tools.mjs /tmp/mcp-extract [<repo>/examples] [server ...]
 *
 * `--ignore-scripts` matters: puppeteer's install script downloads a browser, and listing tools
 * never launches one. Servers that need credentials get dummy values (below): they only use them
 * when a tool is called, never to list tools. A server that cannot start or list within the
 * timeout is reported and skipped; its previous file (if any) is left alone.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const LIST_TIMEOUT_MS = 30_000;
const scratchDir = mkdtempSync(path.join(tmpdir(), 'toolgate-extract-'));

/** Which servers to extract: output name → npm package, extra args and (dummy) environment. */
const SERVERS = [
  { name: 'everything', pkg: '@modelcontextprotocol/server-everything', args: ['stdio'] },
  { name: 'filesystem', pkg: '@modelcontextprotocol/server-filesystem', args: [scratchDir] },
  { name: 'memory', pkg: '@modelcontextprotocol/server-memory', env: { MEMORY_FILE_PATH: path.join(scratchDir, 'memory.json') } },
  { name: 'github', pkg: '@modelcontextprotocol/server-github', env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'dummy' } },
  { name: 'slack', pkg: '@modelcontextprotocol/server-slack', env: { SLACK_BOT_TOKEN: 'xoxb-dummy', SLACK_TEAM_ID: 'T0000000' } },
  { name: 'postgres', pkg: '@modelcontextprotocol/server-postgres', args: ['postgresql://127.0.0.1:1/none'] },
  { name: 'puppeteer', pkg: '@modelcontextprotocol/server-puppeteer' },
  { name: 'sequential-thinking', pkg: '@modelcontextprotocol/server-sequential-thinking' },
  {
    name: 'atlassian-jira',
    pkg: '@aashari/mcp-server-atlassian-jira',
    env: { ATLASSIAN_SITE_NAME: 'example', ATLASSIAN_USER_EMAIL: 'dummy@example.com', ATLASSIAN_API_TOKEN: 'dummy' },
  },
  { name: 'notion', pkg: '@notionhq/notion-mcp-server', env: { NOTION_TOKEN: 'ntn_dummy' } },
];

const [, , installDirArg, outDirArg, ...only] = process.argv;
if (!installDirArg) {
  console.error('usage: extract-tools.mjs <install-dir> [out-dir] [server ...]');
  process.exit(2);
}
const installDir = path.resolve(installDirArg);
const outDir = path.resolve(outDirArg ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));

// The SDK is loaded from the scratch install, so Toolgate itself does not depend on it.
const sdkRoot = path.join(installDir, 'node_modules', '@modelcontextprotocol', 'sdk');
const { Client } = await import(pathToFileURL(path.join(sdkRoot, 'dist/esm/client/index.js')).href);
const { StdioClientTransport } = await import(pathToFileURL(path.join(sdkRoot, 'dist/esm/client/stdio.js')).href);

function packageInfo(pkg) {
  const manifestPath = path.join(installDir, 'node_modules', ...pkg.split('/'), 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const bin = typeof manifest.bin === 'string' ? manifest.bin : Object.values(manifest.bin ?? {})[0];
  if (!bin) throw new Error(`${pkg} declares no bin`);
  return { version: manifest.version, entry: path.join(path.dirname(manifestPath), bin) };
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function listTools(server) {
  const { version, entry } = packageInfo(server.pkg);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [entry, ...(server.args ?? [])],
    env: { PATH: process.env.PATH ?? '', HOME: scratchDir, ...(server.env ?? {}) },
    cwd: scratchDir,
    stderr: 'pipe',
  });
  const client = new Client({ name: 'toolgate-extract', version: '0.1.0' });
  try {
    await withTimeout(client.connect(transport), LIST_TIMEOUT_MS, 'connect');
    const tools = [];
    let cursor;
    do {
      const page = await withTimeout(client.listTools(cursor ? { cursor } : {}), LIST_TIMEOUT_MS, 'tools/list');
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor);
    return { version, tools };
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** Keeps only the MCP Tool fields Toolgate reads, in a stable key order, so diffs stay readable. */
function cleanTool(tool) {
  const out = { name: tool.name };
  for (const key of ['title', 'description', 'inputSchema', 'outputSchema', 'annotations']) {
    if (tool[key] !== undefined) out[key] = tool[key];
  }
  return out;
}

const failures = [];
for (const server of SERVERS.filter((s) => only.length === 0 || only.includes(s.name))) {
  try {
    const { version, tools } = await listTools(server);
    const document = { server: server.name, source: `npm:${server.pkg}@${version}`, tools: tools.map(cleanTool) };
    writeFileSync(path.join(outDir, `${server.name}.json`), `${JSON.stringify(document, null, 2)}\n`);
    console.log(`${server.name}: ${tools.length} tools from ${server.pkg}@${version}`);
  } catch (error) {
    failures.push(server.name);
    console.error(`${server.name}: skipped (${error instanceof Error ? error.message : String(error)})`);
  }
}
if (failures.length > 0) console.error(`skipped: ${failures.join(', ')}`);
