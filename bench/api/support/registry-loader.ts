/**
 * Loads a generated registry straight into Postgres: the environment and its servers through the API,
 * then tools and their versions in batched INSERTs (one jsonb parameter per batch). Registering 10,000
 * tools through `tools:bulk` would run the pipeline per batch; the benches measure the read paths, so
 * the rows are written the way a finished registration leaves them (ACTIVE, current = approved version).
 */
import { createHash, randomUUID } from 'node:crypto';
import { generateRegistry, type GeneratedRegistry } from '../../generator';
import type { BenchStack } from './api-stack';

export interface LoadedEnvironment {
  id: string;
  name: string;
  registry: GeneratedRegistry;
  /** Tool ids in insertion order. */
  toolIds: string[];
  loadMs: number;
}

const BATCH = 2000;

/** Creates environment `name` with a generated registry of `tools` tools (seeded, so runs compare). */
export async function loadEnvironment(bench: BenchStack, name: string, tools: number, seed = 42): Promise<LoadedEnvironment> {
  const started = performance.now();
  const registry = generateRegistry({ tools, seed });
  const env = await bench.call<{ id: string }>('POST', '/v1/environments', { name }, bench.adminToken);
  const rows: { toolId: string; serverId: string; name: string; versionId: string; hash: string; definition: unknown }[] = [];
  for (const server of registry.servers) {
    const created = await bench.call<{ id: string }>('POST', `/v1/environments/${name}/servers`, { name: server.server }, bench.adminToken);
    for (const definition of server.tools) {
      const json = JSON.stringify(definition);
      rows.push({ toolId: randomUUID(), serverId: created.id, name: definition.name, versionId: randomUUID(), hash: createHash('sha256').update(json).digest('hex'), definition });
    }
  }
  for (let i = 0; i < rows.length; i += BATCH) await insertBatch(bench, env.id, rows.slice(i, i + BATCH));
  await bench.db.query('ANALYZE "Tool"; ANALYZE "ToolVersion"');
  return { id: env.id, name, registry, toolIds: rows.map((r) => r.toolId), loadMs: Math.round(performance.now() - started) };
}

async function insertBatch(bench: BenchStack, environmentId: string, rows: { toolId: string; serverId: string; name: string; versionId: string; hash: string; definition: unknown }[]): Promise<void> {
  const payload = JSON.stringify(rows);
  // Tool and ToolVersion reference each other: tools first (no current version), then versions, then the link.
  await bench.db.query('BEGIN');
  try {
    await bench.db.query(
      `INSERT INTO "Tool" ("id", "serverId", "environmentId", "name", "status", "updatedAt")
       SELECT r."toolId", r."serverId", $2::uuid, r."name", 'ACTIVE', now() FROM jsonb_to_recordset($1::jsonb) AS r("toolId" uuid, "serverId" uuid, "name" text)`,
      [payload, environmentId],
    );
    await bench.db.query(
      `INSERT INTO "ToolVersion" ("id", "toolId", "version", "contentHash", "definition")
       SELECT r."versionId", r."toolId", 1, r."hash", r."definition" FROM jsonb_to_recordset($1::jsonb) AS r("versionId" uuid, "toolId" uuid, "hash" text, "definition" jsonb)`,
      [payload],
    );
    await bench.db.query(
      `UPDATE "Tool" t SET "currentVersionId" = r."versionId", "approvedVersionId" = r."versionId"
       FROM jsonb_to_recordset($1::jsonb) AS r("versionId" uuid, "toolId" uuid) WHERE t."id" = r."toolId"`,
      [payload],
    );
    await bench.db.query('COMMIT');
  } catch (error) {
    await bench.db.query('ROLLBACK');
    throw error;
  }
}
