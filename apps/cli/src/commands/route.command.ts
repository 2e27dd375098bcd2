import { routeQuery } from '@toolgate/pipeline';
import { ProviderError } from '@toolgate/providers';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../cli-io';
import { describeInputError, loadTools } from '../input/load-tools';
import { formatRouteJson, formatRouteTable, type RouteFormat } from '../format/route.formatter';
import { useColor } from './color';
import { cliProviders, reportUsage, type ProviderFlags } from './providers';

export interface RouteOptions extends ProviderFlags {
  query: string;
  format: RouteFormat;
}

/** `toolgate route`: which tool would the agent pick for this request, and by how much. */
export async function routeCommand(paths: string[], options: RouteOptions, io: CliIo): Promise<ExitCode> {
  if (paths.length === 0) throw new UsageError('give the registry files or directories to route over');
  if (options.query.trim() === '') throw new UsageError('--query must not be empty');
  const loaded = loadTools(paths, io.cwd);
  for (const error of loaded.errors) io.stderr.write(`toolgate: ${describeInputError(error)}\n`);
  if (loaded.tools.length === 0) throw new UsageError(`no tools found in ${paths.join(', ')}`);

  const providers = cliProviders(options, io);
  const result = await routeQuery(options.query, loaded.tools, { router: providers.router })
    .catch((error: unknown) => {
      // No answer is not "no tool": the run failed, and says why (the message never holds a key).
      if (error instanceof ProviderError) throw new UsageError(`routing skipped: ${error.message}`);
      throw error;
    })
    .finally(() => providers.close());
  reportUsage(providers, io);
  io.stdout.write(options.format === 'json' ? formatRouteJson(result) : formatRouteTable(result, { color: useColor(io) }));
  return loaded.errors.length > 0 ? EXIT.USAGE : EXIT.OK;
}
