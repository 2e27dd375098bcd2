/**
 * Inserts `count` conflicts into an environment in one INSERT ... SELECT over generate_series: tool i
 * (in id order) paired with tools i+1 … i+k, so every pair is distinct and satisfies the table's CHECK
 * ("toolAId" < "toolBId"). Severities, statuses and scores cycle; findings are a realistic two-item array.
 */
import type { Client } from 'pg';

const FINDINGS = JSON.stringify([
  { stage: 'lexical', type: 'near-name', score: 0.82, severity: 'MEDIUM', evidence: { a: 'create_issue', b: 'create_issues', distance: 1 } },
  { stage: 'semantic', type: 'description-overlap', score: 0.91, severity: 'HIGH', evidence: { cosine: 0.91, sharedTerms: ['issue', 'create', 'project'] } },
]);

export async function seedConflicts(db: Client, environmentId: string, count: number): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM "Tool" WHERE "environmentId" = $1', [environmentId]);
  const tools = Number(rows[0]?.n ?? 0);
  const span = Math.ceil(count / Math.max(1, tools - 1)) + 1;
  if (span >= tools) throw new Error(`${tools} tools cannot hold ${count} distinct pairs this way`);
  await db.query(
    `WITH t AS (SELECT "id", row_number() OVER (ORDER BY "id") AS rn FROM "Tool" WHERE "environmentId" = $1),
          pairs AS (
            SELECT a."id" AS a, b."id" AS b, row_number() OVER () AS n
            FROM generate_series(1, $3::int) AS k(step) JOIN t a ON true JOIN t b ON b.rn = a.rn + k.step
            LIMIT $2
          )
     INSERT INTO "Conflict" ("id", "environmentId", "toolAId", "toolBId", "severity", "score", "status", "findings", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), $1, p.a, p.b,
            (ARRAY['LOW','MEDIUM','HIGH','CRITICAL'])[1 + (p.n % 4)]::"Severity",
            0.5 + (p.n % 50) / 100.0,
            (ARRAY['OPEN','OPEN','ACKNOWLEDGED','RESOLVED'])[1 + (p.n % 4)]::"ConflictStatus",
            $4::jsonb,
            now() - make_interval(secs => p.n), now()
     FROM pairs p`,
    [environmentId, count, span, FINDINGS],
  );
  await db.query('ANALYZE "Conflict"');
  const inserted = await db.query<{ n: string }>('SELECT count(*) AS n FROM "Conflict" WHERE "environmentId" = $1', [environmentId]);
  return Number(inserted.rows[0]?.n ?? 0);
}
