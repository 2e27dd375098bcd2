import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { type Severity, type StageName, type Tool } from '@toolgate/pipeline';
import { analyzeWithProviders } from '@toolgate/providers';
import { EXIT, UsageError, type CliIo, type ExitCode } from '../cli-io';
import type { CheckFormat } from '../format/formatters';
import { loadCheckFormatter } from '../format/formatters';
import { describeInputError, loadTools, type CliInputError } from '../input/load-tools';
import type { PackageInfo } from '../package-info';
import { createProgress, PROGRESS_MIN_TOOLS } from '../progress';
import { useColor } from './color';
import { cliProviders, reportLlmFallbacks, reportUsage, type ProviderFlags } from './providers';

export interface CheckOptions extends ProviderFlags {
  candidate: string[];
  format: CheckFormat;
  failOn: Severity | 'NONE';
  recommendFrom?: Severity | 'NONE';
  stages: StageName[];
  output?: string;
  quiet: boolean;
}

/**
 * `toolgate check`: load, analyse, render, and turn the verdict into an exit code. Input errors
 * do not stop the run (the other files are analysed), but they do make it exit 2 unless blocked.
 */
export async function checkCommand(paths: string[], options: CheckOptions, io: CliIo, pkg: PackageInfo): Promise<ExitCode> {
  if (paths.length === 0 && options.candidate.length === 0) {
    throw new UsageError('nothing to check: give registry files or directories, and/or --candidate <path>');
  }
  const load = { locate: options.format === 'sarif' };
  const registry = loadTools(paths, io.cwd, load);
  const candidates = options.candidate.length > 0 ? loadTools(options.candidate, io.cwd, load) : undefined;
  const inputErrors: CliInputError[] = [...registry.errors, ...(candidates?.errors ?? [])];
  for (const error of inputErrors) io.stderr.write(`toolgate: ${describeInputError(error)}\n`);
  if (candidates && candidates.tools.length === 0 && inputErrors.length === 0) {
    throw new UsageError(`--candidate ${options.candidate.join(', ')}: no tools found`);
  }

  const toolCount = registry.tools.length + (candidates?.tools.length ?? 0);
  const providers = cliProviders(options, io);
  const progress = await createProgress(io.stderr.isTTY && !options.quiet && toolCount >= PROGRESS_MIN_TOOLS);
  const report = await analyzeWithProviders(
    { registry: registry.tools, candidates: candidates?.tools },
    providers,
    { stages: options.stages, failOn: options.failOn, recommendFrom: options.recommendFrom, onProgress: (p) => progress.update(p) },
  ).finally(() => {
    progress.stop();
    providers.close();
  });
  const routing = report.summary.stages.find((s) => s.stage === 'routing');
  // Degraded, not passed: say so even with --quiet.
  if (routing?.skipped?.startsWith('router')) io.stderr.write(`toolgate: warning: routing simulation SKIPPED: ${routing.skipped}\n`);
  reportLlmFallbacks(report, providers, io);
  if (!options.quiet) reportUsage(providers, io);

  const tools = new Map<string, Tool>();
  for (const tool of [...registry.tools, ...(candidates?.tools ?? [])]) tools.set(tool.key, tool);
  const formatter = loadCheckFormatter(options.format);
  const rendered = formatter(
    {
      report,
      inputErrors,
      tools,
      toolLines: new Map([...registry.lines, ...(candidates?.lines ?? [])]),
      candidates: new Set(candidates?.tools.map((t) => t.key) ?? []),
    },
    { color: !options.output && useColor(io), ...pkg },
  );
  if (options.output) {
    const target = path.resolve(io.cwd, options.output);
    mkdirSync(path.dirname(target), { recursive: true });
    const fd = openSync(target, 'w');
    try {
      for (const chunk of chunksOf(rendered)) writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
  } else if (!options.quiet) {
    for (const chunk of chunksOf(rendered)) io.stdout.write(chunk);
  }

  if (report.summary.blocked) return EXIT.BLOCKED;
  return inputErrors.length > 0 ? EXIT.USAGE : EXIT.OK;
}

function chunksOf(rendered: string | Iterable<string>): Iterable<string> {
  return typeof rendered === 'string' ? [rendered] : rendered;
}
