/**
 * Benchmark runner: `npm run bench` (full), `npm run bench -- --quick` (CI-sized smoke),
 * `npm run bench -- --runs 7`, `--only cli|candidate`, `--out <file>`, and `npm run bench -- eval`
 * for the labelled-pair evaluation. Writes bench/RESULTS.md (quick runs: bench/results/RESULTS.quick.md)
 * and the raw numbers as JSON under bench/results/ (git-ignored).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { evaluate } from './eval/evaluate';
import { runCandidateScenario, type CandidateScenarioResult } from './scenarios/candidate-query.scenario';
import { REPO, runCliScenario, type CliScenarioResult } from './scenarios/cli-process.scenario';
import { machineInfo } from './support/machine';
import { renderResults, type BenchReport, type Target } from './support/results-markdown';

const SEED = 'toolgate-bench-v1';

/** The product's performance targets (README). */
const CLI_TARGETS: Record<number, { time?: Target; rss?: Target }> = {
  2000: { time: { limit: 0.35, unit: 's' } },
  10000: { time: { limit: 5, unit: 's' } },
  50000: { time: { limit: 60, unit: 's' }, rss: { limit: 1536, unit: 'MiB' } },
};
const CANDIDATE_TARGETS: Record<number, Target> = { 10000: { limit: 10, unit: 'ms' }, 100000: { limit: 50, unit: 'ms' } };

interface Args {
  quick: boolean;
  runs: number;
  only?: 'cli' | 'candidate';
  out?: string;
}

function parseArgs(argv: readonly string[]): Args {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const quick = argv.includes('--quick');
  const runs = Number(value('--runs') ?? (quick ? 1 : 5));
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  const only = value('--only');
  if (only !== undefined && only !== 'cli' && only !== 'candidate') throw new Error('--only must be cli or candidate');
  return { quick, runs, only, out: value('--out') };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === 'eval') {
    const stagesAt = argv.indexOf('--stages');
    const stages = stagesAt >= 0 ? argv[stagesAt + 1].split(',') : ['lexical', 'schema', 'semantic'];
    process.stdout.write((await evaluate(stages as Parameters<typeof evaluate>[0])).markdown);
    return;
  }
  const args = parseArgs(argv);
  const loadBefore = os.loadavg()[0];
  const log = (line: string) => process.stderr.write(`${line}\n`);
  // 500 and 1,000 have no target: they give the scaling fit points even when large sizes time out.
  const cliSizes = args.quick ? [500, 2000] : [500, 1000, 2000, 10000, 50000];
  const candidateSizes = args.quick ? [2000] : [10000, 100000];
  const queries = args.quick ? 40 : 200;

  const cli: CliScenarioResult[] = [];
  if (args.only !== 'candidate') {
    for (const size of cliSizes) {
      log(`whole process: toolgate check on ${size} tools × ${args.runs} runs`);
      const previous = cli[cli.length - 1];
      if (previous?.error) {
        // A larger registry will not go better when a smaller one could not finish.
        cli.push({ tools: size, runs: [], error: `not run: ${previous.tools.toLocaleString('en')} tools already failed (${previous.error})` });
        continue;
      }
      const targetSeconds = args.quick ? undefined : CLI_TARGETS[size]?.time?.limit;
      const result = await runCliScenario({ tools: size, runs: args.runs, seed: SEED, log, targetSeconds });
      if (result.error && result.runs.length === 0) log(`  ${result.error}`);
      cli.push(result);
    }
  }
  const candidate: CandidateScenarioResult[] = [];
  if (args.only !== 'cli') {
    for (const size of candidateSizes) {
      log(`candidate query: ${queries} candidates vs ${size} indexed tools`);
      candidate.push(await runCandidateScenario(size, queries, SEED, log));
    }
  }

  const report: BenchReport = {
    machine: machineInfo(REPO),
    quick: args.quick,
    runs: args.runs,
    cli,
    candidate,
    cliTargets: args.quick ? {} : CLI_TARGETS,
    candidateTargets: args.quick ? {} : CANDIDATE_TARGETS,
    notes: [
      // Other processes on the machine skew timings; the 1-minute load average shows how busy it was.
      `1-minute load average: ${loadBefore.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end (${os.cpus().length} cores).`,
      ...(process.env.TOOLGATE_BENCH_CLI ? [`CLI measured: \`${process.env.TOOLGATE_BENCH_CLI}\` (TOOLGATE_BENCH_CLI).`] : []),
    ],
  };
  const markdown = renderResults(report);
  const resultsDir = path.join(REPO, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const out = args.out ?? (args.quick ? path.join(resultsDir, 'RESULTS.quick.md') : path.join(REPO, 'bench', 'RESULTS.md'));
  writeFileSync(out, markdown + keptApiSection(out));
  writeFileSync(path.join(resultsDir, `bench-${report.machine.date.replace(/[:.]/g, '-')}.json`), JSON.stringify(report, null, 2));
  process.stdout.write(markdown);
  log(`wrote ${path.relative(process.cwd(), out)}`);
}

/** The API benches' section of RESULTS.md (bench/api writes it between markers): kept when this rewrites the file. */
function keptApiSection(file: string): string {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf('<!-- api-bench:start');
  const end = text.indexOf('<!-- api-bench:end -->');
  return start >= 0 && end > start ? `\n${text.slice(start, end + '<!-- api-bench:end -->'.length)}\n` : '';
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
