/**
 * The CI gate under load: `POST /v1/webhooks/ci-check` against an environment of 10,000 registered tools,
 * with a ci-agent API key and 1–3-tool bodies, at 1, 10 and 50 connections.
 * Targets (issue 3): p99 < 50 ms at 10 connections; ≥ 300 req/s.
 *
 *   node -r ./bench/register.js bench/api/ci-gate.bench.ts [--tools 10000] [--duration 10] [--runs 3] [--processes 1]
 *
 * `--processes N` runs the API with API_PROCESSES=N (node:cluster); results go to results/ci-gate-<N>-processes.md.
 */
import { request as httpRequest } from 'node:http';
import { parseArgs } from 'node:util';
import { generateRegistry } from '../generator';
import { createApiKey, startBenchStack } from './support/api-stack';
import { type LoadResult, runLoad } from './support/load';
import { loadEnvironment } from './support/registry-loader';
import { machineLine, median, table, writeResults } from './support/results';

const CONNECTIONS = [1, 10, 50];

/** CI bodies: 1, 2 and 3 tools of a server the registry does not hold (another seed's vocabulary draw). */
function ciBodies(environment: string): string[] {
  const incoming = generateRegistry({ tools: 40, seed: 'ci-gate-candidates' }).servers.flatMap((s) => s.tools);
  const bodies: string[] = [];
  for (let i = 0; i < 12; i++) {
    const size = (i % 3) + 1;
    const tools = incoming.slice(i * 3, i * 3 + size);
    bodies.push(JSON.stringify({ environment, server: `ci-candidate-${i}`, tools, register: false }));
  }
  return bodies;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { tools: { type: 'string', default: '10000' }, duration: { type: 'string', default: '10' }, runs: { type: 'string', default: '3' }, processes: { type: 'string', default: '1' } } });
  const processes = Number(values.processes);
  const toolCount = Number(values.tools);
  const durationS = Number(values.duration);
  const runs = Number(values.runs);

  const bench = await startBenchStack({ apiProcesses: processes });
  try {
    const env = await loadEnvironment(bench, 'ci-gate-bench', toolCount);
    console.log(`loaded ${env.toolIds.length} tools in ${env.loadMs} ms`);
    const key = await createApiKey(bench, 'ci-agent');
    const bodies = ciBodies(env.name);
    const url = `${bench.stack.baseUrl}/v1/webhooks/ci-check`;
    const headers = { 'content-type': 'application/json', 'x-api-key': key };

    // The first check of an environment builds the API's registry index (all 10,000 tools featurised and
    // embedded): timed on its own, then a short warm-up for JIT and Prisma's pool.
    // With several API processes each builds its own index: one check per process, each on a new connection
    // (node:cluster hands connections to the processes in turn), all at once.
    const first = performance.now();
    const firstStatuses = await Promise.all(Array.from({ length: processes }, () => postOnNewConnection(url, headers, bodies[0]!)));
    const firstCheckMs = Math.round(performance.now() - first);
    console.log(`first check (index build): ${firstCheckMs} ms, ${firstStatuses.join(', ')}`);
    const pid = bench.stack.api.child.pid!;
    const warm = await runLoad({ url, method: 'POST', headers, requests: bodies.map((body) => ({ method: 'POST', body })), connections: 2 * processes, durationS: 3 });
    console.log(`warm-up: ${warm.requests} requests, p50 ${warm.p50} ms, codes ${JSON.stringify(warm.statusCodes)}`);

    const rows: (string | number)[][] = [];
    for (const connections of CONNECTIONS) {
      const results: LoadResult[] = [];
      for (let r = 0; r < runs; r++) {
        const result = await runLoad({ url, method: 'POST', headers, requests: bodies.map((body) => ({ method: 'POST', body })), connections, durationS, cpuPid: pid });
        console.log(`c=${connections} run ${r + 1}: ${result.reqPerSec} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, API CPU ${result.cpuMsPerRequest} ms/req, load ${result.loadAverage}, codes ${JSON.stringify(result.statusCodes)}, errors ${result.errors}`);
        results.push(result);
      }
      // 409 is the gate's answer for a blocked change, not an error: count what is neither 200 nor 409.
      const unexpected = results.reduce((n, r) => n + Object.entries(r.statusCodes).filter(([code]) => code !== '200' && code !== '409').reduce((m, [, c]) => m + c, 0), 0);
      const codes = results.reduce<Record<string, number>>((acc, r) => {
        for (const [code, c] of Object.entries(r.statusCodes)) acc[code] = (acc[code] ?? 0) + c;
        return acc;
      }, {});
      // A saturated run may complete nothing: its percentiles are not 0 ms, they are absent.
      const answered = results.filter((r) => r.requests > 0);
      const latency = (pick: (r: LoadResult) => number) => (answered.length > 0 ? median(answered.map(pick)) : '–');
      rows.push([
        connections,
        median(results.map((r) => r.reqPerSec)).toFixed(1),
        latency((r) => r.p50),
        latency((r) => r.p99),
        Math.max(...results.map((r) => r.max)),
        results.reduce((n, r) => n + r.requests, 0),
        results.reduce((n, r) => n + r.timeouts, 0),
        Object.entries(codes).map(([c, n]) => `${c}: ${n}`).join(', '),
        median(results.map((r) => r.cpuMsPerRequest ?? 0)).toFixed(2),
        median(results.map((r) => r.loadAverage)).toFixed(1),
        results.reduce((n, r) => n + r.errors - r.timeouts, 0) + unexpected,
      ]);
    }

    const md = [
      processes === 1 ? '### CI gate (`POST /v1/webhooks/ci-check`)' : `### CI gate (\`POST /v1/webhooks/ci-check\`), ${processes} API processes`,
      '',
      `Environment of ${env.toolIds.length} ACTIVE tools (generated registry, seed 42, ${env.registry.servers.length} servers), loaded by batched SQL INSERT in ${(env.loadMs / 1000).toFixed(1)} s; no stored conflicts (the gate does not read them: it analyses the candidates against the registry's tools). Default policy: stages lexical, schema, semantic; blocking HIGH. Bodies: 12 rotating requests of 1, 2 and 3 new tools, \`register: false\`, ci-agent API key. ${processes === 1 ? 'One API process' : `${processes} API processes (API_PROCESSES=${processes}, node:cluster)`}, no worker; the first check (which builds the API's index of the environment${processes === 1 ? '' : ' in each process, concurrently'}: ${(firstCheckMs / 1000).toFixed(1)} s) is made before the runs. ${runs} runs of ${durationS} s per connection count after a 3 s warm-up; medians of the runs that answered anything (max: worst of all runs). autocannon abandons the requests still in flight when a run ends, but the API keeps computing them, so a saturated level starts its next run behind a backlog.`,
      '',
      `Machine: ${machineLine()}`,
      '',
      table(['connections', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'requests answered', 'timeouts (30 s)', 'status codes', 'API CPU ms / request', 'load average', 'other errors / not 200 or 409'], rows),
      '',
      `Targets: p99 < 50 ms at 10 connections; ≥ 300 req/s. "API CPU ms / request" is the API's CPU time (all its processes) over a run divided by the requests it answered: what a check costs, whatever else the machine runs; "load average" is the machine's 1-minute load at the end of the run (2 cores: above 2, other processes were queueing for CPU, and latencies include that wait).`,
    ].join('\n');
    writeResults(processes === 1 ? 'ci-gate' : `ci-gate-${processes}-processes`, md);
    console.log(md);
  } finally {
    await bench.stop();
  }
}

/** One POST on a connection of its own (no keep-alive agent), resolving with the status. */
function postOnNewConnection(url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, agent: false, timeout: 300_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
