import { Prisma } from '../generated/prisma/client';
import type { PrismaService } from '../prisma.service';
import type { ConflictRow } from './registry.mappers';
import type { ConflictRecord, ConflictStatusValue, PageRequest, SeverityLevel } from './registry.types';

interface PageFilter {
  severity?: SeverityLevel;
  status?: ConflictStatusValue;
  toolId?: string;
}

interface FlatRow extends Omit<ConflictRow, 'toolA' | 'toolB'> {
  toolAName: string;
  serverAName: string;
  toolBName: string;
  serverBName: string;
}

/**
 * One page of an environment's conflicts with both tools' names and server names, in ONE query.
 * `findMany` with the tool/server include issues five (conflicts, then tools and servers per side), and
 * the listing is CPU-bound in the API: each round trip costs a Prisma interpretation and socket writes.
 * Same rows, order (id) and page size + 1 as pageArgs/toPage expect; mapped straight to the records
 * `toConflictRecord` makes (one object per row: the page is allocation-bound too).
 */
export async function conflictPageRecords(prisma: PrismaService, environmentId: string, filter: PageFilter, page: PageRequest): Promise<ConflictRecord[]> {
  const conditions = [Prisma.sql`c."environmentId" = ${environmentId}::uuid`];
  if (page.cursor) conditions.push(Prisma.sql`c."id" > ${page.cursor}::uuid`);
  if (filter.severity) conditions.push(Prisma.sql`c."severity" = ${filter.severity}::"Severity"`);
  if (filter.status) conditions.push(Prisma.sql`c."status" = ${filter.status}::"ConflictStatus"`);
  if (filter.toolId) conditions.push(Prisma.sql`(c."toolAId" = ${filter.toolId}::uuid OR c."toolBId" = ${filter.toolId}::uuid)`);
  const rows = await prisma.$queryRaw<FlatRow[]>`
    SELECT c."id", c."environmentId", c."toolAId", c."toolBId", c."severity"::text AS "severity", c."score",
           c."status"::text AS "status", c."suppressionReason", c."findings", c."firstSeenRunId", c."lastSeenRunId",
           c."resolvedAt", c."createdAt", c."updatedAt",
           ta."name" AS "toolAName", sa."name" AS "serverAName", tb."name" AS "toolBName", sb."name" AS "serverBName"
    FROM "Conflict" c
    JOIN "Tool" ta ON ta."id" = c."toolAId"
    JOIN "McpServer" sa ON sa."id" = ta."serverId"
    JOIN "Tool" tb ON tb."id" = c."toolBId"
    JOIN "McpServer" sb ON sb."id" = tb."serverId"
    WHERE ${Prisma.join(conditions, ' AND ')}
    ORDER BY c."id" ASC
    LIMIT ${page.limit + 1}`;
  return rows.map((r) => ({
    id: r.id,
    environmentId: r.environmentId,
    toolA: { id: r.toolAId, name: r.toolAName, serverName: r.serverAName },
    toolB: { id: r.toolBId, name: r.toolBName, serverName: r.serverBName },
    severity: r.severity,
    score: r.score,
    status: r.status,
    suppressionReason: r.suppressionReason,
    findings: Array.isArray(r.findings) ? r.findings : [],
    firstSeenRunId: r.firstSeenRunId,
    lastSeenRunId: r.lastSeenRunId,
    resolvedAt: r.resolvedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}
