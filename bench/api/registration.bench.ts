/**
 * One-tool registrations (`POST /v1/environments/:env/tools` with `Prefer: wait=30`) into an environment of
 * 10,000 registered tools, analysed by one worker process: the latency a developer sees from the POST to the
 * final status (ACTIVE or BLOCKED), and the worker's own time per job (the run's startedAt → finishedAt).
 * The first registration of a fresh worker builds its index of the environment and is reported apart.
 *
 *   node -r ./bench/register.js bench/api/registration.bench.ts [--tools 10000] [--registrations 30] [--runs 3]
 */
import { parseArgs } from 'node:util';
import { generateRegistry } from '../generator';
import { startBenchStack } from './support/api-stack';
import { loadEnvironment } from './support/registry-loader';
import { machineLine, median, table, writeResults } from './support/results';

interface Registration {
  /** POST → response (the analysis included). */
  latencyMs: number;
  /** The run's startedAt → finishedAt: the worker's job. */
  jobMs: number;
  status: string;
}

interface RunResult {
  first: Registration;
  rest: Registration[];
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function oneRun(toolCount: number, registrations: number): Promise<RunResult> {
  const bench = await startBenchStack({ workers: 1 });
  try {
    const env = await loadEnvironment(bench, 'registration', toolCount);
    await bench.call('POST', `/v1/environments/${env.name}/servers`, { name: 'incoming' }, bench.adminToken);
    // Tools from another seed's vocabulary draw: some collide with the registry (BLOCKED), most do not.
    // One server takes them all: names drawn twice are left out (a second one would be a new version).
    const byName = new Map(generateRegistry({ tools: 3 * (registrations + 1), seed: 'registration-candidates' }).servers.flatMap((s) => s.tools).map((t) => [t.name, t]));
    const incoming = [...byName.values()].slice(0, registrations + 1);
    const done: Registration[] = [];
    for (const tool of incoming) {
      const started = performance.now();
      const res = await fetch(`${bench.stack.baseUrl}/v1/environments/${env.name}/tools`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bench.adminToken}`, prefer: 'wait=30' },
        body: JSON.stringify({ server: 'incoming', ...tool }),
      });
      const latencyMs = performance.now() - started;
      const body = (await res.json()) as { tool?: { status: string }; analysisRunId?: string | null };
      if (res.status !== 201 || !body.analysisRunId) throw new Error(`registration answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
      const run = await bench.call<{ startedAt: string; finishedAt: string; status: string }>('GET', `/v1/analysis-runs/${body.analysisRunId}`, undefined, bench.adminToken);
      done.push({ latencyMs, jobMs: Date.parse(run.finishedAt) - Date.parse(run.startedAt), status: body.tool?.status ?? '?' });
    }
    const [first, ...rest] = done;
    console.log(`first ${Math.round(first!.latencyMs)} ms; then median ${Math.round(median(rest.map((r) => r.latencyMs)))} ms (job ${median(rest.map((r) => r.jobMs))} ms)`);
    return { first: first!, rest };
  } finally {
    await bench.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { tools: { type: 'string', default: '10000' }, registrations: { type: 'string', default: '30' }, runs: { type: 'string', default: '3' } } });
  const toolCount = Number(values.tools);
  const registrations = Number(values.registrations);
  const results: RunResult[] = [];
  for (let i = 0; i < Number(values.runs); i++) results.push(await oneRun(toolCount, registrations));

  const rows = results.map((r, i) => {
    const latency = r.rest.map((x) => x.latencyMs);
    const job = r.rest.map((x) => x.jobMs);
    const blocked = r.rest.filter((x) => x.status === 'BLOCKED').length;
    return [i + 1, Math.round(r.first.latencyMs), r.first.jobMs, Math.round(median(latency)), Math.round(percentile(latency, 90)), median(job), percentile(job, 90), `${blocked} / ${r.rest.length}`];
  });
  const markdown = [
    '### Registration with `Prefer: wait` (one tool, one worker)',
    '',
    `Environment of ${toolCount} ACTIVE tools (generated registry, seed 42), one API process, one worker process (fresh per run). ${registrations + 1} one-tool registrations in a row into a new server, each \`POST …/tools\` with \`Prefer: wait=30\` (the answer carries the final status). The first one is the worker's first job on the environment (it builds the worker's index); the others are measured together. "job" is the analysis run's startedAt → finishedAt in the worker.`,
    '',
    machineLine(),
    '',
    table(
      ['run', 'first: latency ms', 'first: job ms', 'then: median latency ms', 'then: p90 latency ms', 'then: median job ms', 'then: p90 job ms', 'BLOCKED'],
      rows,
    ),
    '',
    `Medians over the runs: first registration ${Math.round(median(results.map((r) => r.first.latencyMs)))} ms; later ones ${Math.round(median(results.map((r) => median(r.rest.map((x) => x.latencyMs)))))} ms (worker job ${median(results.map((r) => median(r.rest.map((x) => x.jobMs))))} ms).`,
  ].join('\n');
  console.log(markdown);
  writeResults('registration', markdown);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
