/**
 * A full re-scan (`POST /v1/environments/:env/analysis-runs`) of a 10,000-tool environment with 1 worker
 * process vs 2 (the sharded BullMQ flow: ANALYSIS_SHARD_SIZE tools per shard job, a merge parent).
 * Each worker count gets a fresh database and fresh worker processes; run 1 is cold (the workers' ToolIndex
 * caches are empty), the following runs are warm (only pairs are evaluated again).
 *
 *   node -r ./bench/register.js bench/api/worker-speedup.bench.ts [--tools 10000] [--runs 4] [--shard-size 2000]
 */
import { parseArgs } from 'node:util';
import { waitFor } from '../../test/e2e/support/app-process';
import { startBenchStack } from './support/api-stack';
import { loadEnvironment } from './support/registry-loader';
import { machineLine, median, table, writeResults } from './support/results';

interface RunResult {
  wallMs: number;
  /** finishedAt − startedAt as the run records it. */
  runMs: number;
  conflicts: number;
}

interface AnalysisRun {
  status: string;
  error: string | null;
  counts: { tools: number; pairs: number; conflicts: number };
  startedAt: string | null;
  finishedAt: string | null;
}

async function scans(workers: number, toolCount: number, runs: number, shardSize: number, timeoutMs: number): Promise<RunResult[]> {
  const bench = await startBenchStack({ workers, workerEnv: { ANALYSIS_SHARD_SIZE: String(shardSize) } });
  try {
    const env = await loadEnvironment(bench, `speedup-${workers}w`, toolCount);
    const results: RunResult[] = [];
    for (let r = 0; r < runs; r++) {
      const started = performance.now();
      const { id } = await bench.call<{ id: string }>('POST', `/v1/environments/${env.name}/analysis-runs`, {}, bench.adminToken);
      let run: AnalysisRun;
      try {
        run = await waitFor(
          `analysis run ${id}`,
          async () => {
            const current = await bench.call<AnalysisRun>('GET', `/v1/analysis-runs/${id}`, undefined, bench.adminToken);
            if (current.status === 'failed') throw new Error(`run failed: ${current.error}`);
            return current.status === 'completed' ? current : undefined;
          },
          timeoutMs,
        );
      } catch (error) {
        const current = await bench.call<AnalysisRun>('GET', `/v1/analysis-runs/${id}`, undefined, bench.adminToken);
        const logs = [bench.stack.worker, ...bench.workers].map((w, i) => `worker ${i + 1} stderr: ${w?.stderr().slice(-1500)}\nstdout: ${w?.stdout().slice(-1500)}`);
        console.error(`${workers} worker(s), run ${r + 1} did not complete: ${String(error)}\nrun: ${JSON.stringify(current)}\n${logs.join('\n')}`);
        throw new Error(`${workers} worker(s): run ${r + 1} not completed after ${Math.round(timeoutMs / 1000)} s (status ${current.status})`);
      }
      const wallMs = Math.round(performance.now() - started);
      const runMs = Date.parse(run.finishedAt ?? '') - Date.parse(run.startedAt ?? '');
      console.log(`${workers} worker(s), run ${r + 1}: ${wallMs} ms wall, ${runMs} ms recorded, ${run.counts.conflicts} conflicts, ${run.counts.pairs} pairs`);
      results.push({ wallMs, runMs, conflicts: run.counts.conflicts });
    }
    return results;
  } finally {
    await bench.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { tools: { type: 'string', default: '10000' }, runs: { type: 'string', default: '4' }, 'shard-size': { type: 'string', default: '2000' }, timeout: { type: 'string', default: '300' } } });
  const timeoutMs = Number(values.timeout) * 1000;
  const shardSize = Number(values['shard-size']);
  const toolCount = Number(values.tools);
  const runs = Math.max(2, Number(values.runs));
  const one = await scans(1, toolCount, runs, shardSize, timeoutMs);
  const two = await scans(2, toolCount, runs, shardSize, timeoutMs);

  const warm = (rs: RunResult[]) => median(rs.slice(1).map((r) => r.wallMs));
  const all = (rs: RunResult[]) => median(rs.map((r) => r.wallMs));
  const row = (label: string, rs: RunResult[]): (string | number)[] => [
    label,
    (rs[0]!.wallMs / 1000).toFixed(2),
    (warm(rs) / 1000).toFixed(2),
    (all(rs) / 1000).toFixed(2),
    rs.map((r) => (r.wallMs / 1000).toFixed(2)).join(', '),
    [...new Set(rs.map((r) => r.conflicts))].join(', '),
  ];
  const md = [
    '### Full re-scan: 1 vs 2 worker processes',
    '',
    `\`POST /v1/environments/:env/analysis-runs\` on ${toolCount.toLocaleString('en')} ACTIVE tools (generated registry, seed 42; default policy stages lexical, schema, semantic), polled on \`GET /v1/analysis-runs/:id\` every 100 ms; time from the POST to \`completed\`. ANALYSIS_SHARD_SIZE ${shardSize} (${toolCount > shardSize ? `${Math.ceil(toolCount / shardSize)} shard jobs + a merge` : 'not sharded: one job'}), WORKER_CONCURRENCY 4 (default). Each worker count: fresh database and fresh workers, ${runs} runs; run 1 is cold (empty ToolIndex caches), the others warm.`,
    '',
    `Machine: ${machineLine()}`,
    '',
    table(['workers', 'cold run s', 'median warm s', 'median all s', 'runs (s)', 'conflicts'], [row('1', one), row('2', two)]),
    '',
    `Speed-up with 2 workers: ${(warm(one) / warm(two)).toFixed(2)}× warm (median), ${(one[0]!.wallMs / two[0]!.wallMs).toFixed(2)}× cold, ${(all(one) / all(two)).toFixed(2)}× over all runs.`,
  ].join('\n');
  writeResults('worker-speedup', md);
  console.log(md);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
