/**
 * Starts MCP servers for sync tests as real child processes: our fixture server (stdio command or
 * Streamable HTTP) and the reference servers installed from npm (@modelcontextprotocol/server-*).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, __filename.endsWith('.ts') ? '../../../..' : '../../../../..');

/** A stdio MCP server to start: what a `{transport: 'stdio'}` connection carries. */
export interface StdioCommand {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/** Fixture settings, see mcp-fixture.server.ts for what each one does. */
export interface McpFixtureOptions {
  toolsFile?: string;
  pageSize?: number;
  dieOnPage?: number;
  slowMs?: number;
  repeatCursor?: boolean;
  name?: string;
  version?: string;
  instructions?: string;
  pidFile?: string;
}

function fixtureEnv(options: McpFixtureOptions): Record<string, string> {
  const env: Record<string, string> = {};
  if (options.toolsFile) env['MCP_FIXTURE_TOOLS_FILE'] = options.toolsFile;
  if (options.pageSize) env['MCP_FIXTURE_PAGE_SIZE'] = String(options.pageSize);
  if (options.dieOnPage) env['MCP_FIXTURE_DIE_ON_PAGE'] = String(options.dieOnPage);
  if (options.slowMs) env['MCP_FIXTURE_SLOW_MS'] = String(options.slowMs);
  if (options.repeatCursor) env['MCP_FIXTURE_CURSOR'] = 'repeat';
  if (options.name) env['MCP_FIXTURE_NAME'] = options.name;
  if (options.version) env['MCP_FIXTURE_VERSION'] = options.version;
  if (options.instructions) env['MCP_FIXTURE_INSTRUCTIONS'] = options.instructions;
  if (options.pidFile) env['MCP_FIXTURE_PID_FILE'] = options.pidFile;
  return env;
}

/**
 * The node arguments running the fixture server: its compiled .js from dist/, or (under Jest, from
 * source) its .ts through bench/register.js, which compiles TypeScript with SWC on the fly.
 */
function fixtureArgs(): string[] {
  if (__filename.endsWith('.ts')) return ['-r', path.join(ROOT, 'bench/register.js'), path.join(__dirname, 'mcp-fixture.server.ts')];
  return [path.join(__dirname, 'mcp-fixture.server.js')];
}

/** The fixture as a stdio command (the client spawns it). */
export function mcpFixtureStdio(options: McpFixtureOptions = {}): StdioCommand {
  return { command: process.execPath, args: fixtureArgs(), env: fixtureEnv(options) };
}

/** A reference server from npm as a stdio command: `node <its dist/index.js> ...args`. */
export function referenceServerStdio(pkg: 'server-everything' | 'server-filesystem' | 'server-memory', args: string[] = [], env: Record<string, string> = {}): StdioCommand {
  return { command: process.execPath, args: [path.join(ROOT, 'node_modules/@modelcontextprotocol', pkg, 'dist/index.js'), ...args], env };
}

/** A running HTTP MCP server child process. */
export interface RunningMcpServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** A TCP port that was free a moment ago. */
export function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Spawns `node args`, resolves once stderr/stdout matches `ready` (rejects on exit or after 15 s). */
function startUntilReady(args: string[], env: Record<string, string>, ready: RegExp, toUrl: (match: RegExpMatchArray) => string): Promise<RunningMcpServer> {
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => void stop().then(() => reject(new Error(`MCP server did not start in 15 s:\n${output}`))), 15000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = output.match(ready);
      if (match) {
        clearTimeout(timer);
        resolve({ url: toUrl(match), pid: child.pid!, stop });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`MCP server exited (${code}) before it was ready:\n${output}`));
    });
  });
}

/** The fixture serving Streamable HTTP on a free port (`url` ends in /mcp). */
export function startMcpFixtureHttp(options: McpFixtureOptions = {}): Promise<RunningMcpServer> {
  return startUntilReady(fixtureArgs(), { ...fixtureEnv(options), MCP_FIXTURE_TRANSPORT: 'http' }, /MCP_FIXTURE_LISTENING (\S+)/, (m) => m[1]!);
}

/** @modelcontextprotocol/server-everything over SSE (`url` = .../sse) or Streamable HTTP (`url` = .../mcp) on a free port. */
export async function startEverythingServer(transport: 'sse' | 'streamableHttp'): Promise<RunningMcpServer> {
  const port = await freeTcpPort();
  const entry = path.join(ROOT, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
  const suffix = transport === 'sse' ? '/sse' : '/mcp';
  return startUntilReady([entry, transport], { PORT: String(port) }, /(running|listening) on port/i, () => `http://127.0.0.1:${port}${suffix}`);
}
