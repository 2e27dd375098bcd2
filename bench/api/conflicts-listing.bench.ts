/**
 * Conflict listing with 100,000 conflicts: `GET /v1/environments/:env/conflicts?limit=50`, the first page
 * and deep cursor pages (middle and near the end of the id order), plus a severity-filtered first page.
 * Target (issue 3): p99 < 50 ms per page. The plan of each page's query is recorded (EXPLAIN ANALYZE of
 * the repository's one joined query, libs/db conflict-page.query.ts: environment filter, id cursor, id order,
 * limit + 1, both tools and their servers joined).
 *
 *   node -r ./bench/register.js bench/api/conflicts-listing.bench.ts [--conflicts 100000] [--duration 10] [--runs 3]
 */
import { parseArgs } from 'node:util';
import { createApiKey, startBenchStack, type BenchStack } from './support/api-stack';
import { seedConflicts } from './support/conflict-seeder';
import { type LoadResult, runLoad } from './support/load';
import { loadEnvironment } from './support/registry-loader';
import { machineLine, median, table, writeResults } from './support/results';

interface PageCase {
  label: string;
  query: string;
  /** The listing's id cursor, for EXPLAIN. */
  cursor: string | null;
  severity?: string;
}

async function cursorAt(bench: BenchStack, environmentId: string, offset: number): Promise<string> {
  const { rows } = await bench.db.query<{ id: string }>('SELECT "id" FROM "Conflict" WHERE "environmentId" = $1 ORDER BY "id" OFFSET $2 LIMIT 1', [environmentId, offset]);
  if (!rows[0]) throw new Error(`no conflict at offset ${offset}`);
  return rows[0].id;
}

async function explain(bench: BenchStack, environmentId: string, c: PageCase): Promise<string> {
  const conditions = ['"environmentId" = $1'];
  const params: unknown[] = [environmentId];
  if (c.cursor) conditions.push(`"id" > $${params.push(c.cursor)}`);
  if (c.severity) conditions.push(`"severity" = $${params.push(c.severity)}::"Severity"`);
  const conflictsSql = `SELECT c.*, ta."name", sa."name", tb."name", sb."name" FROM "Conflict" c JOIN "Tool" ta ON ta."id" = c."toolAId" JOIN "McpServer" sa ON sa."id" = ta."serverId" JOIN "Tool" tb ON tb."id" = c."toolBId" JOIN "McpServer" sb ON sb."id" = tb."serverId"`;
  const { rows } = await bench.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ANALYZE ${conflictsSql} WHERE ${conditions.map((x) => `c.${x}`).join(' AND ')} ORDER BY c."id" ASC LIMIT 51`, params);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { conflicts: { type: 'string', default: '100000' }, duration: { type: 'string', default: '10' }, runs: { type: 'string', default: '3' }, connections: { type: 'string', default: '1,10' } } });
  const count = Number(values.conflicts);
  const durationS = Number(values.duration);
  const runs = Number(values.runs);
  const connectionCounts = values.connections.split(',').map(Number);

  const bench = await startBenchStack();
  try {
    const env = await loadEnvironment(bench, 'conflicts-bench', 10_000);
    const seeded = performance.now();
    const conflicts = await seedConflicts(bench.db, env.id, count);
    const seedMs = Math.round(performance.now() - seeded);
    console.log(`${conflicts} conflicts in ${seedMs} ms`);
    const key = await createApiKey(bench, 'viewer');
    const headers = { 'x-api-key': key };
    const base = `${bench.stack.baseUrl}/v1/environments/${env.name}/conflicts?limit=50`;

    const cases: PageCase[] = [
      { label: 'first page', query: '', cursor: null },
      { label: 'deep page (offset 50,000)', query: '', cursor: await cursorAt(bench, env.id, Math.floor(conflicts / 2)) },
      { label: 'deep page (offset 99,900)', query: '', cursor: await cursorAt(bench, env.id, conflicts - 100) },
      { label: 'first page, severity=HIGH', query: '&severity=HIGH', cursor: null, severity: 'HIGH' },
    ];

    const rows: (string | number)[][] = [];
    const plans: string[] = [];
    for (const c of cases) {
      const url = `${base}${c.query}${c.cursor ? `&cursor=${c.cursor}` : ''}`;
      const check = await fetch(url, { headers });
      const page = (await check.json()) as { items?: unknown[] };
      if (!check.ok || page.items?.length !== 50) throw new Error(`${c.label}: ${check.status}, ${page.items?.length} items`);
      await runLoad({ url, headers, connections: 2, durationS: 2 });
      for (const connections of connectionCounts) {
        const results: LoadResult[] = [];
        for (let r = 0; r < runs; r++) results.push(await runLoad({ url, headers, connections, durationS, cpuPid: bench.stack.api.child.pid! }));
        const bad = results.reduce((n, r) => n + r.errors + r.timeouts + r.non2xx, 0);
        console.log(`${c.label}, ${connections} connection(s): p99 ${results.map((r) => r.p99).join('/')} ms, API CPU ${results.map((r) => r.cpuMsPerRequest).join('/')} ms/req, load ${results.map((r) => r.loadAverage).join('/')}`);
        rows.push([
          c.label,
          connections,
          median(results.map((r) => r.reqPerSec)).toFixed(1),
          median(results.map((r) => r.p50)),
          median(results.map((r) => r.p99)),
          Math.max(...results.map((r) => r.max)),
          results.reduce((n, r) => n + r.requests, 0),
          median(results.map((r) => r.cpuMsPerRequest ?? 0)).toFixed(2),
          median(results.map((r) => r.loadAverage)).toFixed(1),
          bad,
        ]);
      }
      plans.push(`${c.label}:\n${await explain(bench, env.id, c)}`);
    }

    const md = [
      '### Conflict listing (`GET /v1/environments/:env/conflicts?limit=50`)',
      '',
      `${conflicts.toLocaleString('en')} conflicts (distinct tool pairs of a 10,000-tool environment, severities and statuses cycling, two findings each) inserted with one \`INSERT … SELECT generate_series\` in ${(seedMs / 1000).toFixed(1)} s. viewer API key, ${connectionCounts.join(' and ')} connection(s), ${runs} runs of ${durationS} s per page after a 2 s warm-up; medians of the runs (max: worst of all runs). Deep pages use the real \`nextCursor\` form (the id of the row before the page).`,
      '',
      `Machine: ${machineLine()}`,
      '',
      table(['page', 'connections', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'requests', 'API CPU ms / request', 'load average', 'errors / non-2xx'], rows),
      '',
      'Target: p99 < 50 ms per page. "API CPU ms / request": the API process\'s CPU time over a run per answered request (what a page costs, whatever else runs); "load average": the machine\'s 1-minute load at the end of the run (2 cores: above 2, processes were queueing for CPU).',
      '',
      '<details><summary>Query plans (EXPLAIN ANALYZE of the listing query)</summary>',
      '',
      '```',
      plans.join('\n\n'),
      '```',
      '',
      '</details>',
    ].join('\n');
    writeResults('conflicts-listing', md);
    console.log(md);
  } finally {
    await bench.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
