// Writes one analysis' conflicts inside the caller's transaction: dedup by unordered pair, update in
// place, replace recommendations, and resolve the subjects' conflicts the analysis no longer reports.
// Set-based: a few statements per SYNC_CHUNK conflicts, never one per conflict, so a full re-scan of a
// large registry (~90k conflicts at 10k tools) merges in seconds (docs/adr/0011-batched-conflict-merge.md).
import { type AuditEntryInput } from '@toolgate/audit';
import type { Prisma } from '../generated/prisma/client';
import { audit, auditEntry, type AuditScope } from './audit-context';
import type { ConflictStatusValue, SeverityLevel } from './registry.types';
import { uuidV7 } from './uuid-v7';

export interface RecommendationWrite {
  kind: 'RENAME' | 'DESCRIPTION' | 'SCHEMA' | 'SCOPE';
  targetToolId: string;
  patch: unknown;
  rationale: string;
  source: 'RULES' | 'LLM';
  scoreBefore: number;
  scoreAfter: number;
}

export interface ConflictWrite {
  /** The two tools, in any order: the pair is stored sorted (the table's CHECK constraint). */
  toolIds: [string, string];
  severity: SeverityLevel;
  score: number;
  findings: unknown[];
  recommendations: RecommendationWrite[];
}

/** Statuses a conflict is still "live" in: resolved automatically when the pair stops conflicting. */
export const UNRESOLVED_STATUSES: ConflictStatusValue[] = ['OPEN', 'ACKNOWLEDGED'];

export interface ConflictSyncResult {
  conflictIds: string[];
  resolvedIds: string[];
}

/** Conflicts per upsert statement (arrays bound through unnest: the statement size does not grow with it). */
export const SYNC_CHUNK = 5000;

/** Which conflicts keep their stored recommendations: all (true), none (false), or those the function picks. */
export type KeepRecommendations = boolean | ((conflict: ConflictWrite) => boolean);

/**
 * Upserts `conflicts` and resolves the unresolved conflicts of `subjectIds` that are not among them.
 * A conflict that was RESOLVED and is found again reopens; ACKNOWLEDGED and SUPPRESSED keep their status.
 * Audit entries (`conflict.detected` for new and reopened conflicts, `conflict.status_changed` for automatic
 * resolutions) are appended after the writes, in one batch: the organisation's audit lock is held only from
 * then until the caller commits.
 */
export async function syncConflicts(
  tx: Prisma.TransactionClient,
  input: {
    environmentId: string;
    runId: string;
    subjectIds: readonly string[];
    conflicts: readonly ConflictWrite[];
    /** Leave stored recommendations alone (all, or the conflicts a re-scan computed none for); default replace all. */
    keepRecommendations?: KeepRecommendations;
  },
  scope: AuditScope,
): Promise<ConflictSyncResult> {
  const pending: AuditEntryInput[] = [];
  const conflictIds: string[] = [];
  const pairs = dedupByPair(input.conflicts);
  for (let start = 0; start < pairs.length; start += SYNC_CHUNK) {
    const chunk = pairs.slice(start, start + SYNC_CHUNK);
    const upserted = await upsertChunk(tx, input.environmentId, input.runId, chunk);
    for (const row of upserted) {
      conflictIds.push(row.id);
      if (row.previous === null || row.previous === 'RESOLVED') {
        const c = row.write;
        const details = { toolAId: c.toolIds[0], toolBId: c.toolIds[1], severity: c.severity, score: c.score, runId: input.runId, reopened: row.previous !== null };
        pending.push(auditEntry(scope, 'conflict.detected', { type: 'conflict', id: row.id }, details));
      }
    }
    const keep = input.keepRecommendations ?? false;
    const replaced = keep === true ? [] : upserted.filter((row) => keep === false || !keep(row.write));
    await replaceRecommendations(tx, input.runId, replaced);
  }
  // Every conflict this sync kept was just stamped with its run (lastSeenRunId): that is the exclusion, not a
  // list of tens of thousands of ids (an anti-join Postgres would plan as a nested loop over an unnest).
  const resolved = await resolveStale(tx, scope.environmentId, input.subjectIds, { seenInRun: input.runId });
  for (const c of resolved) pending.push(resolvedEntry(scope, c));
  await audit.appendMany(tx, pending);
  return { conflictIds, resolvedIds: resolved.map((c) => c.id) };
}

/** Resolves the unresolved conflicts involving any of `toolIds`, except `keepIds`. Returns the ids it resolved. */
export async function resolveConflictsOf(
  tx: Prisma.TransactionClient,
  scope: AuditScope,
  toolIds: readonly string[],
  keepIds: readonly string[] = [],
): Promise<string[]> {
  const resolved = await resolveStale(tx, scope.environmentId, toolIds, { ids: keepIds });
  await audit.appendMany(tx, resolved.map((c) => resolvedEntry(scope, c)));
  return resolved.map((c) => c.id);
}

interface SortedWrite extends ConflictWrite {
  toolIds: [string, string];
}

interface UpsertedRow {
  id: string;
  /** The status before this write; null when the conflict is new. */
  previous: ConflictStatusValue | null;
  write: SortedWrite;
}

/** The writes with their pair sorted, one per pair (the last one wins, as sequential upserts would), in pair order. */
function dedupByPair(conflicts: readonly ConflictWrite[]): SortedWrite[] {
  const byPair = new Map<string, SortedWrite>();
  for (const c of conflicts) {
    const toolIds = [...c.toolIds].sort() as [string, string];
    byPair.set(`${toolIds[0]}|${toolIds[1]}`, { ...c, toolIds });
  }
  // Pair order: concurrent syncs lock shared rows in the same order (no deadlock between them).
  return [...byPair.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, write]) => write);
}

/**
 * One INSERT … ON CONFLICT on the unique (toolAId, toolBId) index for the whole chunk. The `previous` CTE
 * reads the rows as they were before the statement, which tells new, reopened and updated apart.
 */
async function upsertChunk(tx: Prisma.TransactionClient, environmentId: string, runId: string, chunk: readonly SortedWrite[]): Promise<UpsertedRow[]> {
  if (chunk.length === 0) return [];
  const now = Date.now();
  const rows = await tx.$queryRaw<Array<{ id: string; toolAId: string; toolBId: string; previous: ConflictStatusValue | null }>>`
    WITH input AS (
      SELECT * FROM unnest(
        ${chunk.map(() => uuidV7(now))}::uuid[], ${chunk.map((c) => c.toolIds[0])}::uuid[], ${chunk.map((c) => c.toolIds[1])}::uuid[],
        ${chunk.map((c) => c.severity)}::"Severity"[], ${chunk.map((c) => c.score)}::float8[], ${chunk.map((c) => JSON.stringify(c.findings))}::jsonb[]
      ) AS t(id, a, b, severity, score, findings)
    ), previous AS (
      -- No FOR UPDATE: the upsert below locks the rows, and a locking read of rows this same statement
      -- updates skips them (Postgres' "self-modified" rule). The statement's snapshot is the "before".
      SELECT c.id, c.status FROM "Conflict" c JOIN input i ON c."toolAId" = i.a AND c."toolBId" = i.b
    ), upserted AS (
      INSERT INTO "Conflict" AS c (id, "environmentId", "toolAId", "toolBId", severity, score, findings, "firstSeenRunId", "lastSeenRunId", "updatedAt")
      SELECT i.id, ${environmentId}::uuid, i.a, i.b, i.severity, i.score, i.findings, ${runId}::uuid, ${runId}::uuid, now() FROM input i
      ON CONFLICT ("toolAId", "toolBId") DO UPDATE SET
        severity = EXCLUDED.severity,
        score = EXCLUDED.score,
        findings = EXCLUDED.findings,
        "lastSeenRunId" = EXCLUDED."lastSeenRunId",
        "updatedAt" = now(),
        status = CASE WHEN c.status = 'RESOLVED' THEN 'OPEN'::"ConflictStatus" ELSE c.status END,
        "resolvedAt" = CASE WHEN c.status = 'RESOLVED' THEN NULL ELSE c."resolvedAt" END
      RETURNING c.id, c."toolAId", c."toolBId"
    )
    SELECT u.id::text AS id, u."toolAId"::text AS "toolAId", u."toolBId"::text AS "toolBId", p.status::text AS previous
    FROM upserted u LEFT JOIN previous p ON p.id = u.id`;
  const byPair = new Map(chunk.map((c) => [`${c.toolIds[0]}|${c.toolIds[1]}`, c]));
  return rows.map((r) => ({ id: r.id, previous: r.previous, write: byPair.get(`${r.toolAId}|${r.toolBId}`)! }));
}

/** Replaces the recommendations of `rows` with the ones their writes carry: one DELETE and one INSERT per chunk. */
async function replaceRecommendations(tx: Prisma.TransactionClient, runId: string, rows: readonly UpsertedRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`DELETE FROM "Recommendation" WHERE "conflictId" = ANY(${rows.map((r) => r.id)}::uuid[])`;
  const data = rows.flatMap((row) =>
    row.write.recommendations.map((r) => ({ ...r, patch: r.patch as Prisma.InputJsonValue, conflictId: row.id, analysisRunId: runId })),
  );
  if (data.length > 0) await tx.recommendation.createMany({ data });
}

/**
 * One UPDATE resolving the unresolved conflicts of the environment that involve `toolIds`, except those in
 * `keep` (a few ids, or every conflict stamped by the run). Returns each resolved conflict with the status it had.
 */
async function resolveStale(
  tx: Prisma.TransactionClient,
  environmentId: string,
  toolIds: readonly string[],
  keep: { ids: readonly string[] } | { seenInRun: string },
): Promise<Array<{ id: string; from: ConflictStatusValue }>> {
  if (toolIds.length === 0) return [];
  const runId = 'seenInRun' in keep ? keep.seenInRun : null;
  const keepIds = 'ids' in keep ? [...keep.ids] : [];
  const rows = await tx.$queryRaw<Array<{ id: string; from: ConflictStatusValue }>>`
    WITH subjects AS (SELECT unnest(${[...toolIds]}::uuid[]) AS id),
    stale AS (
      SELECT c.id, c.status FROM "Conflict" c
      WHERE c."environmentId" = ${environmentId}::uuid
        AND c.status IN ('OPEN', 'ACKNOWLEDGED')
        AND (c."toolAId" IN (SELECT id FROM subjects) OR c."toolBId" IN (SELECT id FROM subjects))
        AND c."lastSeenRunId" IS DISTINCT FROM ${runId}::uuid
        AND c.id <> ALL(${keepIds}::uuid[])
      ORDER BY c.id
      FOR UPDATE OF c
    )
    UPDATE "Conflict" c SET status = 'RESOLVED', "resolvedAt" = now(), "updatedAt" = now()
    FROM stale s WHERE c.id = s.id
    RETURNING c.id::text AS id, s.status::text AS "from"`;
  return rows.sort((x, y) => (x.id < y.id ? -1 : 1));
}

function resolvedEntry(scope: AuditScope, c: { id: string; from: ConflictStatusValue }): AuditEntryInput {
  return auditEntry(scope, 'conflict.status_changed', { type: 'conflict', id: c.id }, { from: c.from, to: 'RESOLVED', automatic: true });
}
