// Audit export at scale: fills a scratch database with N hash-chained entries (default 1,000,000), then
// exports them as JSON Lines and CEF, and verifies the chain, each in a fresh child process that reports
// its wall time and its own peak RSS. Not part of npm test.
//   node -r ./bench/register.js bench/audit/audit-export.ts [--entries 1000000] [--batch 1000] [--keep]
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { chainEntry, type AuditEntry, type ChainTip } from '@toolgate/audit';
import { AuditRepository, PrismaService } from '@toolgate/db';
import { createTestDatabase } from '@toolgate/testing';
import { Client } from 'pg';

const INSERT_BATCH = 10_000;

async function fill(url: string, count: number): Promise<string> {
  const db = new Client({ connectionString: url });
  await db.connect();
  const org = (await db.query<{ id: string }>(`INSERT INTO "Organisation" (id, name, slug, "updatedAt") VALUES (gen_random_uuid(), 'Bench', 'bench', now()) RETURNING id`)).rows[0]!.id;
  let tip: ChainTip | null = null;
  const start = Date.UTC(2026, 0, 1);
  for (let done = 0; done < count; done += INSERT_BATCH) {
    const batch: AuditEntry[] = [];
    for (let i = done; i < Math.min(count, done + INSERT_BATCH); i++) {
      const entry: AuditEntry = chainEntry(
        tip,
        {
          organisationId: org,
          actor: i % 3 === 0 ? { type: 'system', id: null, display: 'toolgate' } : { type: 'user', id: `user-${i % 50}`, display: `user${i % 50}@example.com` },
          action: i % 5 === 0 ? 'conflict.detected' : 'tool.registered',
          resource: { type: 'tool', id: `tool-${i}` },
          sourceIp: `10.0.${(i >> 8) & 255}.${i & 255}`,
          requestId: `req-${i}`,
          details: { name: `tool_${i}`, version: 1 + (i % 4), note: 'a|b=c\\d' },
        },
        { id: uuid(i), time: new Date(start + i * 1000) },
      );
      batch.push(entry);
      tip = { seq: entry.seq, hash: entry.hash };
    }
    const col = <T>(f: (e: AuditEntry) => T) => batch.map(f);
    await db.query(
      `INSERT INTO "AuditEntry" (id, "organisationId", seq, time, "actorType", "actorId", "actorDisplay", action, "resourceType", "resourceId", outcome, "sourceIp", "requestId", details, "prevHash", hash)
       SELECT u.id, $1, u.seq, u.time, u.actor_type::"ActorType", u.actor_id, u.actor_display, u.action, 'tool', u.resource_id, 'SUCCESS', u.ip::inet, u.request_id, u.details::jsonb, u.prev_hash, u.hash
       FROM unnest($2::uuid[], $3::bigint[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
         AS u(id, seq, time, actor_type, actor_id, actor_display, action, resource_id, ip, request_id, details, prev_hash, hash)`,
      [org, col((e) => e.id), col((e) => e.seq), col((e) => e.time), col((e) => e.actor.type.toUpperCase()), col((e) => e.actor.id), col((e) => e.actor.display), col((e) => e.action), col((e) => e.resource.id), col((e) => e.sourceIp), col((e) => e.requestId), col((e) => JSON.stringify(e.details)), col((e) => e.prevHash), col((e) => e.hash)],
    );
  }
  await db.end();
  return org;
}

function uuid(i: number): string {
  const hex = i.toString(16).padStart(12, '0');
  return `01940000-0000-7000-8000-${hex}`;
}

/** Child: one export (or verify), written to /dev/null; prints {ms, bytes, lastSeq, peakRssMiB}. */
async function child(url: string, org: string, mode: 'json' | 'cef' | 'verify', batchSize: number): Promise<void> {
  const prisma = new PrismaService(url);
  const audit = new AuditRepository(prisma);
  const started = performance.now();
  let bytes = 0;
  let result: unknown;
  if (mode === 'verify') {
    result = await audit.verify(org, batchSize);
  } else {
    const out = await audit.exportStream(org, { format: mode, productVersion: 'bench', batchSize });
    const counted = Readable.from(out.chunks).on('data', (chunk: Buffer | string) => (bytes += chunk.length));
    await pipeline(counted, createWriteStream('/dev/null'));
    result = { lastSeq: out.lastSeq };
  }
  const ms = performance.now() - started;
  await prisma.$disconnect();
  console.log(JSON.stringify({ mode, ms: Math.round(ms), bytes, result, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1]!, args[2]!, args[3] as 'json' | 'cef' | 'verify', Number(args[4]));
  const option = (name: string) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : undefined);
  const count = option('--entries') ?? 1_000_000;
  const batchSize = option('--batch') ?? 1000;
  const database = await createTestDatabase({ prefix: 'toolgate_bench_audit' });
  try {
    const filling = performance.now();
    const org = await fill(database.url, count);
    console.log(`filled ${count} chained entries in ${((performance.now() - filling) / 1000).toFixed(1)} s`);
    for (const mode of ['json', 'cef', 'verify'] as const) {
      const run = spawnSync(process.execPath, ['-r', require.resolve('../register.js'), __filename, '--child', database.url, org, mode, String(batchSize)], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`${mode} child failed: ${run.stderr}`);
      const report = JSON.parse(run.stdout.trim().split('\n').pop()!) as { ms: number; bytes: number; result: unknown; peakRssMiB: number };
      const rate = Math.round(count / (report.ms / 1000));
      console.log(`${mode.padEnd(6)} ${(report.ms / 1000).toFixed(1)} s  ${rate} entries/s  ${(report.bytes / 2 ** 20).toFixed(0)} MiB out  peak RSS ${report.peakRssMiB} MiB  ${JSON.stringify(report.result)}`);
    }
  } finally {
    if (!args.includes('--keep')) await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
