import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describeConnection, isMcpSyncError, listServerTools, UNRESTRICTED_OUTBOUND_URL_POLICY, type McpServerInfo, type McpToolDefinition } from '@toolgate/mcp';
import { diffToolLists, makeTool, type Severity, type StageName, type Tool, toolContentHash } from '@toolgate/pipeline';
import { analyzeWithProviders } from '@toolgate/providers';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../cli-io';
import { type CheckResult } from '../format/check-result';
import { formatSyncJson, formatSyncTable, type SyncResult } from '../format/sync.formatter';
import { describeInputError, loadTools } from '../input/load-tools';
import type { PackageInfo } from '../package-info';
import { useColor } from './color';
import { cliProviders, reportUsage, type ProviderFlags } from './providers';
import { parseSyncTarget, type SyncTransportFlag } from './sync-target';

export const SYNC_FORMATS = ['table', 'json'] as const;

export interface SyncOptions extends ProviderFlags {
  transport?: SyncTransportFlag;
  header: string[];
  env: string[];
  against: string[];
  server?: string;
  format: (typeof SYNC_FORMATS)[number];
  failOn: Severity | 'NONE';
  failOnDrift: boolean;
  stages: StageName[];
  out?: string;
  timeout: number;
  maxTools: number;
  verbose: boolean;
  quiet: boolean;
}

interface Listing {
  serverInfo: McpServerInfo;
  tools: McpToolDefinition[];
  source: string;
}

/**
 * `toolgate sync <url|command|tools.json> [args...]`: lists a live server's tools (or reads a saved
 * listing), and with `--against` diffs them with a registry on disk and runs the conflict pipeline on
 * the added and changed tools, like `toolgate check --candidate`. Exit 0, 1 (blocked, or drift with
 * --fail-on-drift), 2 (usage, input or sync failure: a failed listing is never read as "no tools").
 */
export async function syncCommand(target: string, args: string[], options: SyncOptions, io: CliIo, pkg: PackageInfo): Promise<ExitCode> {
  const parsed = parseSyncTarget(target, args, options, io.cwd);
  const listing = parsed.kind === 'file' ? readListing(parsed.file, io) : await listLive(parsed.connection, options, io, pkg);
  if (!listing) return EXIT.USAGE;

  if (options.out) {
    const file = path.resolve(io.cwd, options.out);
    mkdirSync(path.dirname(file), { recursive: true });
    // tools/list-shaped, so `toolgate sync <file> --against ...` and `toolgate check` read it back.
    writeFileSync(file, `${JSON.stringify({ tools: listing.tools }, null, 2)}\n`);
    if (!options.quiet) io.stderr.write(`toolgate: wrote ${listing.tools.length} tools to ${options.out}\n`);
  }

  const result: SyncResult = { serverInfo: listing.serverInfo, source: listing.source, tools: listing.tools };
  let inputErrors = 0;
  if (options.against.length > 0) {
    const registry = loadTools(options.against, io.cwd);
    for (const error of registry.errors) io.stderr.write(`toolgate: ${describeInputError(error)}\n`);
    inputErrors = registry.errors.length;
    const server = chooseServer(registry.tools, options.server, listing.serverInfo.name, parsed.kind === 'file' ? path.basename(parsed.file, '.json') : undefined);
    const mine = registry.tools.filter((t) => t.server === server);
    const diff = diffToolLists(
      mine.map((t) => ({ name: t.definition.name, contentHash: toolContentHash(t.definition), tool: t })),
      listing.tools,
    );
    result.diff = { server, registryTools: mine.length, ...diff };
    const candidates: Tool[] = [...diff.added.map((a) => a.definition), ...diff.changed.map((c) => c.live.definition)].map((d) => makeTool(server, { ...d, description: d.description ?? '' }));
    // The removed tools are gone from the server: they no longer conflict with anything.
    const gone = new Set(diff.removed.map((r) => r.tool.key));
    if (candidates.length > 0) result.check = await check(registry.tools.filter((t) => !gone.has(t.key)), candidates, options, io);
  }

  const color = useColor(io);
  if (!options.quiet) io.stdout.write(options.format === 'json' ? formatSyncJson(result) : formatSyncTable(result, { color, ...pkg }));
  if (result.check?.report.summary.blocked) return EXIT.BLOCKED;
  const drift = result.diff && result.diff.added.length + result.diff.changed.length + result.diff.removed.length > 0;
  if (options.failOnDrift && drift) return EXIT.BLOCKED;
  return inputErrors > 0 ? EXIT.USAGE : EXIT.OK;
}

async function listLive(connection: Parameters<typeof listServerTools>[0], options: SyncOptions, io: CliIo, pkg: PackageInfo): Promise<Listing | undefined> {
  const say = (text: string): void => void (!options.quiet && io.stderr.write(`toolgate: ${text}\n`));
  try {
    const listing = await listServerTools(connection, {
      timeoutMs: options.timeout,
      maxTools: options.maxTools,
      // The CLI runs on the user's own machine against servers they name: no SSRF guard here (docs/cli.md).
      urlPolicy: UNRESTRICTED_OUTBOUND_URL_POLICY,
      clientInfo: { name: 'toolgate-cli', version: pkg.version },
      stderr: options.verbose ? 'inherit' : 'ignore',
      onProgress: (event) => {
        if (event.phase === 'connecting') say(`connecting to ${event.target}`);
        else if (event.phase === 'connected') say(`connected: ${event.server}`);
        else say(`tools/list page ${event.page}: ${event.tools} tools so far`);
      },
    });
    return { ...listing, source: describeConnection(connection) };
  } catch (error) {
    if (!isMcpSyncError(error)) throw error;
    // A stdio server's own complaint (missing module, bad flag) is on its stderr, hidden by default.
    const hint = connection.transport === 'stdio' && !options.verbose && ['CONNECT_FAILED', 'CONNECTION_CLOSED'].includes(error.code) ? ' (--verbose shows the server\'s stderr)' : '';
    io.stderr.write(`toolgate: sync failed (${error.code}): ${error.message}${hint}\n`);
    return undefined;
  }
}

/** A saved listing read back: the "server" is the file's `server` field or its name, like `toolgate check`. */
function readListing(file: string, io: CliIo): Listing | undefined {
  const loaded = loadTools([file], io.cwd);
  for (const error of loaded.errors) io.stderr.write(`toolgate: ${describeInputError(error)}\n`);
  // A broken tool would read as "removed": refuse the whole file, like a failed live listing.
  if (loaded.errors.length > 0) return undefined;
  const servers = [...new Set(loaded.tools.map((t) => t.server))];
  if (servers.length > 1) throw new UsageError(`${path.relative(io.cwd, file)} holds tools of several servers (${servers.join(', ')}): a listing is one server`);
  const name = servers[0] ?? path.basename(file, path.extname(file));
  return { serverInfo: { name, version: '', protocolVersion: '', capabilities: {} }, tools: loaded.tools.map((t) => t.definition), source: `file:${path.relative(io.cwd, file)}` };
}

function chooseServer(registry: readonly Tool[], flag: string | undefined, reported: string, fileServer: string | undefined): string {
  if (flag) return flag;
  const servers = [...new Set(registry.map((t) => t.server))];
  if (servers.length === 1) return servers[0]!;
  for (const candidate of [fileServer, reported]) if (candidate && servers.includes(candidate)) return candidate;
  if (servers.length === 0) return fileServer ?? reported;
  throw new UsageError(`--against holds several servers (${servers.join(', ')}) and none is named "${reported}": choose one with --server`);
}

async function check(registry: Tool[], candidates: Tool[], options: SyncOptions, io: CliIo): Promise<CheckResult> {
  const providers = cliProviders(options, io);
  const report = await analyzeWithProviders({ registry, candidates }, providers, { stages: options.stages, failOn: options.failOn }).finally(() => providers.close());
  const routing = report.summary.stages.find((s) => s.stage === 'routing');
  if (routing?.skipped?.startsWith('router')) io.stderr.write(`toolgate: warning: routing simulation SKIPPED: ${routing.skipped}\n`);
  if (!options.quiet) reportUsage(providers, io);
  const tools = new Map<string, Tool>([...registry, ...candidates].map((t) => [t.key, t]));
  return { report, inputErrors: [], tools, toolLines: new Map(), candidates: new Set(candidates.map((t) => t.key)) };
}
