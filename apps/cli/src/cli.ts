import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { parseSeverity, STAGES, type Severity, type StageName } from '@toolgate/pipeline';
import { EXIT, processIo, UsageError, type CliIo } from './cli-io';
import { createUserCommand, type CreateUserOptions, PASSWORD_VARIABLE, USER_ROLES } from './commands/admin-create-user.command';
import { checkCommand, type CheckOptions } from './commands/check.command';
import { EMBEDDER_KINDS, PROBE_KINDS, ROUTER_KINDS } from './commands/providers';
import { routeCommand, type RouteOptions } from './commands/route.command';
import { SYNC_FORMATS, syncCommand, type SyncOptions } from './commands/sync.command';
import { SYNC_TRANSPORTS } from './commands/sync-target';
import { CHECK_FORMATS } from './format/formatters';
import { ROUTE_FORMATS } from './format/route.formatter';
import { readPackageInfo } from './package-info';
import { ProviderError } from '@toolgate/providers';

/**
 * Runs the `toolgate` command line and resolves to its exit code. Everything the process touches
 * comes through `io`, so specs run the real CLI in-process.
 */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const pkg = readPackageInfo();
  let exitCode: number = EXIT.OK;
  const program = new Command('toolgate')
    .description('Catch ambiguous, overlapping and poisoned MCP tools before an agent sees them.')
    .version(pkg.version)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('check')
    .description('Analyse tool files for conflicts and poisoned tools; exit 1 when the gate blocks.')
    .argument('[paths...]', 'registry tool files, or directories searched recursively for *.json')
    .option('--candidate <path>', 'check only these tools against the registry (repeatable; file or directory)', collect, [])
    .addOption(new Option('--format <format>', 'output format').choices(CHECK_FORMATS).default('table'))
    .option('--fail-on <severity>', 'block (exit 1) at or above: critical|high|medium|low|info|none', parseFailOn, 'HIGH')
    .option(
      '--recommend-from <severity>',
      'attach verified fixes to conflicts at or above: critical|high|medium|low|info|none (default: the --fail-on level, or high)',
      parseFailOn,
    )
    .option('--stages <list>', `comma-separated stages to run (${STAGES.join(',')})`, parseStages, [...STAGES])
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--quiet', 'print no report on stdout (errors still go to stderr)', false)
    .addOption(embedderOption())
    .addOption(routerOption())
    .addOption(new Option('--probes <source>', "who writes the routing probes: local templates, or llm (the router's model; needs --router openai|anthropic)").choices(PROBE_KINDS))
    .option('--llm-recommendations', "also ask the router's model for fixes (verified like the rule-based ones; needs --router openai|anthropic)")
    .action(async (paths: string[], options: CheckOptions) => {
      exitCode = await checkCommand(paths, options, io, pkg);
    });

  program
    .command('route')
    .description('Show which tool a router picks for a request, with the ranking and margin.')
    .argument('[paths...]', 'registry tool files, or directories searched recursively for *.json')
    .requiredOption('--query <request>', 'the user request to route')
    .addOption(new Option('--format <format>', 'output format').choices(ROUTE_FORMATS).default('table'))
    .addOption(routerOption())
    .action(async (paths: string[], options: RouteOptions) => {
      exitCode = await routeCommand(paths, options, io);
    });

  program
    .command('sync')
    .description('List a live MCP server\'s tools (or read a saved listing) and diff them with a registry on disk.')
    .argument('<target>', 'http(s) URL (Streamable HTTP; --transport sse for SSE), a stdio server command, or a saved tools .json file (offline)')
    .argument('[args...]', 'arguments of the stdio server command; put them after -- when they start with a dash')
    .addOption(new Option('--transport <transport>', 'force a transport (default: from the target)').choices(SYNC_TRANSPORTS))
    .option('--header <header>', 'HTTP header "Name: value" (repeatable)', collect, [])
    .option('--env <pair>', 'environment variable NAME=value for a stdio server (repeatable)', collect, [])
    .option('--against <path>', 'registry tool files or directories to diff with (repeatable)', collect, [])
    .option('--server <name>', 'the registry server to compare with (default: the only one, else the reported name)')
    .addOption(new Option('--format <format>', 'output format').choices(SYNC_FORMATS).default('table'))
    .option('--fail-on <severity>', 'block (exit 1) when the added/changed tools conflict at or above this severity', parseFailOn, 'HIGH')
    .option('--fail-on-drift', 'also exit 1 when any tool was added, changed or removed', false)
    .option('--stages <list>', `comma-separated stages to run (${STAGES.join(',')})`, parseStages, [...STAGES])
    .option('--out <file>', 'save the listing as a tools/list-shaped JSON file')
    .option('--timeout <ms>', 'deadline of the whole listing', parsePositiveInt, 30_000)
    .option('--max-tools <n>', 'fail when the server lists more tools', parsePositiveInt, 1000)
    .option('--verbose', 'show a stdio server\'s stderr', false)
    .option('--quiet', 'print nothing on stdout and no progress (errors still go to stderr)', false)
    .addOption(embedderOption())
    .addOption(routerOption())
    .action(async (target: string, args: string[], options: SyncOptions) => {
      exitCode = await syncCommand(target, args, options, io, pkg);
    });

  const admin = program.command('admin').description('Administration against the Toolgate database (DATABASE_URL).');
  admin
    .command('create-user')
    .description(`Create a user; the password is read from ${PASSWORD_VARIABLE}. The organisation is created if new.`)
    .requiredOption('--email <email>', 'the login email')
    .addOption(new Option('--role <role>', 'the role').choices(USER_ROLES).default('viewer'))
    .option('--organisation <slug>', 'organisation slug', 'default')
    .option('--name <name>', 'display name')
    .action(async (options: CreateUserOptions) => {
      exitCode = await createUserCommand(options, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    // Commander reports --help/--version as exit 0; every other commander error is a usage error.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    // A provider failure is an operational error, not a crash: its message is redacted, no stack.
    if (error instanceof UsageError || error instanceof ProviderError) {
      io.stderr.write(`toolgate: ${error.message}\n`);
      return EXIT.USAGE;
    }
    // The check did not complete: never report that as "passed" (0) or as a verdict (1).
    io.stderr.write(`toolgate: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.USAGE;
  }
}

function embedderOption(): Option {
  return new Option('--embedder <kind>', 'embedding provider (default: EMBEDDER, else local); keys from the environment').choices(EMBEDDER_KINDS);
}

function routerOption(): Option {
  return new Option('--router <kind>', 'routing model (default: ROUTER, else local); keys from the environment').choices(ROUTER_KINDS);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseFailOn(value: string): Severity | 'NONE' {
  if (value.trim().toLowerCase() === 'none') return 'NONE';
  const severity = parseSeverity(value);
  if (!severity) throw new InvalidArgumentError('expected critical, high, medium, low, info or none.');
  return severity;
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer.');
  return n;
}

function parseStages(value: string): StageName[] {
  const names = value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const unknown = names.filter((n) => !(STAGES as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(`unknown stage(s) ${unknown.join(', ') || '(none given)'}; expected a comma-separated list of ${STAGES.join(', ')}.`);
  }
  // Run order is the pipeline's, whatever order the user typed.
  return STAGES.filter((s) => names.includes(s));
}
