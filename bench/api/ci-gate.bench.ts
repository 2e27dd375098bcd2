/**
 * The CI gate under load: `POST /v1/webhooks/ci-check` against an environment of 10,000 registered tools,
 * with a ci-agent API key and 1–3-tool bodies, at 1, 10 and 50 connections.
 * Targets (issue 3): p99 < 50 ms at 10 connections; ≥ 300 req/s.
 *
 *   node -r ./bench/register.js bench/api/ci-gate.bench.ts [--tools 10000] [--duration 10] [--runs 3]
 */
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
  const { values } = parseArgs({ options: { tools: { type: 'string', default: '10000' }, duration: { type: 'string', default: '10' }, runs: { type: 'string', default: '3' } } });
  const toolCount = Number(values.tools);
  const durationS = Number(values.duration);
  const runs = Number(values.runs);

  const bench = await startBenchStack();
  try {
    const env = await loadEnvironment(bench, 'ci-gate-bench', toolCount);
    console.log(`loaded ${env.toolIds.length} tools in ${env.loadMs} ms`);
    const key = await createApiKey(bench, 'ci-agent');
    const bodies = ciBodies(env.name);
    const url = `${bench.stack.baseUrl}/v1/webhooks/ci-check`;
    const headers = { 'content-type': 'application/json', 'x-api-key': key };

    // Warm-up: first requests pay JIT, Prisma's connection pool and any cache the API keeps.
    const warm = await runLoad({ url, method: 'POST', headers, requests: bodies.map((body) => ({ method: 'POST', body })), connections: 2, durationS: 3 });
    console.log(`warm-up: ${warm.requests} requests, p50 ${warm.p50} ms, codes ${JSON.stringify(warm.statusCodes)}`);

    const rows: (string | number)[][] = [];
    for (const connections of CONNECTIONS) {
      const results: LoadResult[] = [];
      for (let r = 0; r < runs; r++) {
        const result = await runLoad({ url, method: 'POST', headers, requests: bodies.map((body) => ({ method: 'POST', body })), connections, durationS });
        console.log(`c=${connections} run ${r + 1}: ${result.reqPerSec} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, codes ${JSON.stringify(result.statusCodes)}, errors ${result.errors}`);
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
        results.reduce((n, r) => n + r.errors - r.timeouts, 0) + unexpected,
      ]);
    }

    const md = [
      '### CI gate (`POST /v1/webhooks/ci-check`)',
      '',
      `Environment of ${env.toolIds.length} ACTIVE tools (generated registry, seed 42, ${env.registry.servers.length} servers), loaded by batched SQL INSERT in ${(env.loadMs / 1000).toFixed(1)} s; no stored conflicts (the gate does not read them: it analyses the candidates against the registry's tools). Default policy: stages lexical, schema, semantic; blocking HIGH. Bodies: 12 rotating requests of 1, 2 and 3 new tools, \`register: false\`, ci-agent API key. One API process, no worker. ${runs} runs of ${durationS} s per connection count after a 3 s warm-up; medians of the runs that answered anything (max: worst of all runs). autocannon abandons the requests still in flight when a run ends, but the API keeps computing them, so a saturated level starts its next run behind a backlog.`,
      '',
      `Machine: ${machineLine()}`,
      '',
      table(['connections', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'requests answered', 'timeouts (30 s)', 'status codes', 'other errors / not 200 or 409'], rows),
      '',
      `Targets: p99 < 50 ms at 10 connections; ≥ 300 req/s.`,
    ].join('\n');
    writeResults('ci-gate', md);
    console.log(md);
  } finally {
    await bench.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
