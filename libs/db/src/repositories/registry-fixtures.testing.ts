// Helpers for the registry repository specs (not exported from the lib): a migrated scratch
// database per spec file, and a fresh organisation/environment/server per test.
import { createTempDatabase, type TempDatabase } from '../admin/temp-database';
import { REAL_MIGRATIONS_DIR, testServerUrl } from '../migrations/migration-fixtures.testing';
import { runMigrations } from '../migrations/migration-runner';
import { PrismaService } from '../prisma.service';
import { EnvironmentRepository } from './environment.repository';
import { OrganisationRepository } from './organisation.repository';
import { ServerRepository } from './server.repository';
import type { ToolVersionWrite } from './tool-registration.repository';

export interface RepositoryTestDatabase {
  prisma: PrismaService;
  close(): Promise<void>;
}

export async function openTestDatabase(): Promise<RepositoryTestDatabase> {
  const db: TempDatabase = await createTempDatabase(testServerUrl(), 'toolgate_repo');
  await runMigrations({ databaseUrl: db.url, migrationsDir: REAL_MIGRATIONS_DIR });
  const prisma = new PrismaService(db.url);
  await prisma.onModuleInit();
  return {
    prisma,
    close: async () => {
      await prisma.onModuleDestroy();
      await db.drop();
    },
  };
}

let counter = 0;

/** A new organisation with one environment (default policy) and the named servers. */
export async function seedEnvironment(prisma: PrismaService, serverNames: string[] = ['github']) {
  counter += 1;
  const organisationId = await new OrganisationRepository(prisma).ensure(`org-${process.pid}-${counter}`, 'Org');
  const env = await new EnvironmentRepository(prisma).create(organisationId, 'production', {
    blockingSeverity: 'HIGH',
    stagesOnRegistration: ['LEXICAL', 'SCHEMA', 'SEMANTIC'],
    approvalTtlSeconds: 3600,
  });
  const servers = new ServerRepository(prisma);
  const created = await Promise.all(
    serverNames.map((name) => servers.create(env.id, { name, transport: 'STDIO', connection: {}, syncIntervalSeconds: null, enabled: true })),
  );
  return { organisationId, env, servers: Object.fromEntries(created.map((s) => [s.name, s])) };
}

/** A tool version write with a fake but well-formed hash derived from `content`. */
export function versionWrite(name: string, content: string, status: 'ACTIVE' | 'BLOCKED' = 'ACTIVE'): ToolVersionWrite {
  const hash = Buffer.from(`${name}:${content}`).toString('hex').padEnd(64, '0').slice(0, 64);
  return { name, contentHash: hash, definition: { name, description: content, inputSchema: { type: 'object' } }, status };
}

export const RUN = { stages: ['LEXICAL' as const], stageTimings: {}, toolCount: 0, pairCount: 0 };
