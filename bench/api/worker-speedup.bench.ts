/**
 * A full re-scan (`POST /v1/environments/:env/analysis-runs`) of a 10,000-tool environment with 1 worker
 * process vs 2 (the sharded BullMQ flow: ANALYSIS_SHARD_SIZE tools per shard job, then one merge job).
 * Every run gets a fresh database and fresh workers (cold ToolIndex caches). Two times per run:
 * - shard phase: from the POST to the last shard job's "Shard scanned" log line (the part two workers share);
 * - merge: from the last shard's log line to the run's `finishedAt` (the merge job: reading the shard results,
 *   keying conflicts by pair, persisting them); `persist` is the database transaction's share of it (stageTimings);
 * - whole run: from the POST to `completed` on `GET /v1/analysis-runs/:id`, if it completes within --timeout.
 *
 *   node -r ./bench/register.js bench/api/worker-speedup.bench.ts [--tools 10000] [--runs 3] [--shard-size 2000] [--timeout 300] [--workers 1,2]
 */
import { parseArgs } from 'node:util';
import { waitFor } from '../../test/e2e/support/app-process';
import { startBenchStack } from './support/api-stack';
import { loadEnvironment } from './support/registry-loader';
import { machineLine, median, table, writeResults } from './support/results';

interface RunResult {
  shardPhaseMs: number;
  /** Shard jobs per worker process. */
  split: number[];
  /** Undefined when the run had not completed within the timeout. */
  wholeMs: number | undefined;
  /** Last shard → finishedAt, and the persist transaction inside it; undefined when the run did not complete. */
  mergeMs: number | undefined;
  persistMs: number | undefined;
  status: string;
  conflicts: number;
}

interface LogLine {
  time: string;
  msg: string;
}

function shardLines(stdout: string): LogLine[] {
  return stdout
    .split('\n')
    .filter((l) => l.includes('"Shard scanned"'))
    .map((l) => JSON.parse(l) as LogLine);
}

async function oneRun(workers: number, toolCount: number, shardSize: number, timeoutMs: number): Promise<RunResult> {
  const bench = await startBenchStack({ workers, workerEnv: { LOG_LEVEL: 'info', ANALYSIS_SHARD_SIZE: String(shardSize) } });
  try {
    const env = await loadEnvironment(bench, `speedup-${workers}w`, toolCount);
    const processes = [bench.stack.worker!, ...bench.workers];
    const shards = Math.ceil(toolCount / shardSize);
    const posted = Date.now();
    const { id } = await bench.call<{ id: string }>('POST', `/v1/environments/${env.name}/analysis-runs`, {}, bench.adminToken);
    await waitFor('every shard job', async () => (processes.reduce((n, p) => n + shardLines(p.stdout()).length, 0) >= shards ? true : undefined), 600_000);
    const lines = processes.map((p) => shardLines(p.stdout()));
    const shardPhaseMs = Math.max(...lines.flat().map((l) => Date.parse(l.time))) - posted;
    let run = { status: 'running', finishedAt: null as string | null, counts: { conflicts: 0 }, stageTimings: {} as Record<string, number> };
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      run = await bench.call<typeof run>('GET', `/v1/analysis-runs/${id}`, undefined, bench.adminToken);
      if (run.status === 'completed' || run.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const wholeMs = run.status === 'completed' && run.finishedAt ? Date.parse(run.finishedAt) - posted : undefined;
    const mergeMs = wholeMs === undefined ? undefined : wholeMs - shardPhaseMs;
    const persistMs = wholeMs === undefined ? undefined : run.stageTimings['persist'];
    const result = { shardPhaseMs, split: lines.map((l) => l.length), wholeMs, mergeMs, persistMs, status: run.status, conflicts: run.counts.conflicts };
    console.log(`${workers} worker(s): ${JSON.stringify(result)}`);
    return result;
  } finally {
    await bench.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { tools: { type: 'string', default: '10000' }, runs: { type: 'string', default: '3' }, 'shard-size': { type: 'string', default: '2000' }, timeout: { type: 'string', default: '300' }, workers: { type: 'string', default: '1,2' } } });
  const toolCount = Number(values.tools);
  const runs = Number(values.runs);
  const shardSize = Number(values['shard-size']);
  const timeoutMs = Number(values.timeout) * 1000;
  const results = new Map<number, RunResult[]>();
  for (const workers of values.workers.split(',').map(Number)) {
    const rs: RunResult[] = [];
    for (let r = 0; r < runs; r++) rs.push(await oneRun(workers, toolCount, shardSize, timeoutMs));
    results.set(workers, rs);
  }

  const phase = (w: number) => median(results.get(w)!.map((r) => r.shardPhaseMs));
  const both = results.has(1) && results.has(2);
  const whole = (w: number) => {
    const ms = results.get(w)!.map((r) => r.wholeMs);
    return ms.every((v) => v !== undefined) ? median(ms as number[]) : undefined;
  };
  const seconds = (ms: number | undefined) => (ms === undefined ? '–' : (ms / 1000).toFixed(2));
  const medianOf = (rs: RunResult[], pick: (r: RunResult) => number | undefined) => {
    const done = rs.map(pick).filter((v): v is number => v !== undefined);
    return done.length === rs.length ? seconds(median(done)) : `${rs.length - done.length} of ${rs.length} not completed`;
  };
  const rows = [...results].map(([w, rs]) => [
    w,
    (phase(w) / 1000).toFixed(2),
    rs.map((r) => (r.shardPhaseMs / 1000).toFixed(2)).join(', '),
    rs.map((r) => r.split.join('+')).join(', '),
    medianOf(rs, (r) => r.mergeMs),
    medianOf(rs, (r) => r.persistMs),
    medianOf(rs, (r) => r.wholeMs),
    rs.map((r) => (r.wholeMs === undefined ? `${r.status} after ${Math.round(timeoutMs / 1000)} s` : `${(r.wholeMs / 1000).toFixed(2)} s`)).join(', '),
    rs.map((r) => r.conflicts).join(', '),
  ]);
  const md = [
    '### Full re-scan: 1 vs 2 worker processes',
    '',
    `\`POST /v1/environments/:env/analysis-runs\` on ${toolCount.toLocaleString('en')} ACTIVE tools (generated registry, seed 42; default policy stages lexical, schema, semantic). ANALYSIS_SHARD_SIZE ${shardSize} (${Math.ceil(toolCount / shardSize)} shard jobs, then one merge job), WORKER_CONCURRENCY 4 and WORKER_SHARD_CONCURRENCY 1 (defaults). ${runs} runs per worker count, each on a fresh database with fresh (cold) workers. Shard phase: POST → the last shard's "Shard scanned" log line; merge: that line → the run's \`finishedAt\` (persist: the database transaction inside it, from the run's stageTimings); whole run: POST → \`completed\`, waited for at most ${Math.round(timeoutMs / 1000)} s after the shard phase.`,
    '',
    `Machine: ${machineLine()}`,
    '',
    table(['workers', 'median shard phase s', 'shard phase per run s', 'shard jobs per worker', 'median merge s', 'median persist s', 'median whole run s', 'whole run per run', 'conflicts'], rows),
    '',
    ...(both ? [`Speed-up with 2 workers (medians): shard phase ${(phase(1) / phase(2)).toFixed(2)}×, whole run ${whole(1) && whole(2) ? (whole(1)! / whole(2)!).toFixed(2) : '–'}×.`] : []),
  ].join('\n');
  // A partial run (--workers 1) is printed only: the results file compares 1 and 2 workers.
  if (both) writeResults('worker-speedup', md);
  console.log(md);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
