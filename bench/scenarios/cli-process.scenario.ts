/**
 * Whole-process scenario: `toolgate check <dir> --format json --stages lexical,schema,semantic` on a
 * generated registry, timed from spawn to exit (Node start-up, file loading and output included),
 * with the process's peak RSS. Registry generation and writing happen before the clock starts.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateRegistry, writeRegistry } from '../generator';
import { plantedRecall, type ConflictLike, type Recall } from '../support/recall';

export const REPO = path.resolve(__dirname, '..', '..');
/** The built CLI; TOOLGATE_BENCH_CLI points the benchmark at another build (e.g. a release to compare with). */
export const CLI_ENTRY = process.env.TOOLGATE_BENCH_CLI ?? path.join(REPO, 'dist', 'apps', 'cli', 'src', 'main.js');
const PEAK_RSS = path.join(REPO, 'bench', 'peak-rss.js');

export interface ProcessRun {
  seconds: number;
  peakRssMiB: number;
  exitCode: number | null;
}

export interface CliScenarioResult {
  tools: number;
  runs: ProcessRun[];
  recall?: Recall;
  conflicts?: number;
  /** The pipeline's own stage timings from the first run's report (summary.stages). */
  stages?: { stage: string; ms: number; items: number }[];
  error?: string;
  repeatsSkipped?: string;
  /** Set when the first run was killed at the timeout. */
  timedOutAfterSeconds?: number;
}

/** The line that says what went wrong (not the stack frames under it). */
function errorLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /error/i.test(l) && !l.startsWith('at ')) ?? lines.slice(-3).join(' | ');
}

class TimeoutError extends Error {
  constructor(readonly seconds: number, signal: string) {
    super(`killed (${signal}) at the ${seconds.toFixed(0)} s timeout`);
  }
}

function runOnce(dir: string, out: string, rssFile: string, timeoutMs: number): Promise<ProcessRun> {
  const args = ['-r', PEAK_RSS, CLI_ENTRY, 'check', dir, '--format', 'json', '--stages', 'lexical,schema,semantic', '--fail-on', 'none', '--output', out];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env: { ...process.env, TOOLGATE_BENCH_RSS_FILE: rssFile }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (signal) return reject(new TimeoutError(seconds, signal));
      if (code !== 0) return reject(new Error(`exit ${code}: ${errorLine(stderr)}`));
      const peakRssMiB = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : Number.NaN;
      resolve({ seconds, peakRssMiB, exitCode: code });
    });
  });
}

export interface CliScenarioOptions {
  tools: number;
  runs: number;
  seed: string;
  log: (line: string) => void;
  /** The time target, if the size has one. A run is killed at 10× it: that already answers the question. */
  targetSeconds?: number;
}

/**
 * Runs `check` up to `runs` times. When the first run is over 3× its target the repeats are skipped:
 * repeating a run that far off would take the bench hours and change no conclusion.
 */
export async function runCliScenario({ tools, runs, seed, log, targetSeconds }: CliScenarioOptions): Promise<CliScenarioResult> {
  if (!existsSync(CLI_ENTRY)) return { tools, runs: [], error: `CLI not built (${path.relative(REPO, CLI_ENTRY)} missing): run \`npm run build\` first` };
  const work = mkdtempSync(path.join(os.tmpdir(), `toolgate-bench-${tools}-`));
  try {
    const registry = generateRegistry({ tools, seed });
    const dir = path.join(work, 'registry');
    writeRegistry(dir, registry);
    const result: CliScenarioResult = { tools, runs: [] };
    const timeoutMs = targetSeconds !== undefined ? Math.max(60_000, targetSeconds * 10_000) : Math.max(60_000, tools * 12);
    const repeatBelowSeconds = targetSeconds !== undefined ? targetSeconds * 3 : Infinity;
    for (let i = 0; i < runs && !result.repeatsSkipped; i++) {
      const out = path.join(work, `report-${i}.json`);
      try {
        const run = await runOnce(dir, out, path.join(work, `rss-${i}`), timeoutMs);
        result.runs.push(run);
        log(`  check ${tools} tools, run ${i + 1}/${runs}: ${run.seconds.toFixed(2)} s, peak RSS ${run.peakRssMiB.toFixed(0)} MiB`);
        if (i === 0 && runs > 1 && run.seconds > repeatBelowSeconds) {
          result.repeatsSkipped = `not repeated: the first run was over 3× the target`;
          log(`  ${result.repeatsSkipped}`);
        }
        if (i === 0) {
          const report = JSON.parse(readFileSync(out, 'utf8')) as { conflicts: ConflictLike[]; summary?: { stages?: CliScenarioResult['stages'] } };
          result.recall = plantedRecall(registry.planted, report.conflicts);
          result.conflicts = report.conflicts.length;
          result.stages = report.summary?.stages;
        }
      } catch (error) {
        if (error instanceof TimeoutError) result.timedOutAfterSeconds = error.seconds;
        result.error = error instanceof Error ? error.message : String(error);
        log(`  check ${tools} tools, run ${i + 1}: ${result.error}`);
        break;
      }
    }
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
