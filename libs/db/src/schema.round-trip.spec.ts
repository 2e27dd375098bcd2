// Writes through the generated Prisma 7 client into a migrated database: the schema's defaults,
// composite keys and dedup constraints behave as docs/adr/0003-prisma-schema-design.md says.
import { createTempDatabase, type TempDatabase } from './admin/temp-database';
import { REAL_MIGRATIONS_DIR, testServerUrl } from './migrations/migration-fixtures.testing';
import { runMigrations } from './migrations/migration-runner';
import { PrismaService } from './prisma.service';

describe('schema round trip through PrismaService', () => {
  let db: TempDatabase;
  let prisma: PrismaService;
  beforeAll(async () => {
    db = await createTempDatabase(testServerUrl(), 'toolgate_spec');
    await runMigrations({ databaseUrl: db.url, migrationsDir: REAL_MIGRATIONS_DIR });
    prisma = new PrismaService(db.url);
    await prisma.onModuleInit();
  });
  afterAll(async () => {
    await prisma.onModuleDestroy();
    await db.drop();
  });

  async function seedTwoTools() {
    const org = await prisma.organisation.create({ data: { name: 'Acme', slug: `acme-${Date.now()}-${Math.random()}` } });
    const env = await prisma.environment.create({ data: { organisationId: org.id, name: 'production' } });
    const server = await prisma.mcpServer.create({ data: { environmentId: env.id, name: 'github', transport: 'STDIO' } });
    const [x, y] = await Promise.all(
      ['create_issue', 'open_issue'].map((name) => prisma.tool.create({ data: { serverId: server.id, environmentId: env.id, name } })),
    );
    const [a, b] = [x!, y!].sort((p, q) => (p.id < q.id ? -1 : 1));
    return { org, env, server, a: a!, b: b! };
  }

  it('fills the policy defaults and generates time-ordered uuids', async () => {
    const { env, a, b } = await seedTwoTools();
    expect(env).toMatchObject({ blockingSeverity: 'HIGH', stagesOnRegistration: ['LEXICAL', 'SCHEMA', 'SEMANTIC'], approvalTtlSeconds: 604800, providerOverrides: {} });
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    expect(a.status).toBe('PENDING_ANALYSIS');
    expect(b.deletedAt).toBeNull();
  });

  it('deduplicates tool versions by content hash and conflicts by ordered pair', async () => {
    const { env, a, b } = await seedTwoTools();
    const hash = 'a'.repeat(64);
    await prisma.toolVersion.create({ data: { toolId: a.id, version: 1, contentHash: hash, definition: { name: 'create_issue' } } });
    await expect(prisma.toolVersion.create({ data: { toolId: a.id, version: 2, contentHash: hash, definition: {} } })).rejects.toMatchObject({ code: 'P2002' });

    const conflict = { environmentId: env.id, severity: 'HIGH' as const, score: 0.9 };
    await prisma.conflict.create({ data: { ...conflict, toolAId: a.id, toolBId: b.id } });
    await expect(prisma.conflict.create({ data: { ...conflict, toolAId: a.id, toolBId: b.id } })).rejects.toMatchObject({ code: 'P2002' });
    // The reversed pair is not a new conflict: the CHECK constraint rejects it.
    await expect(prisma.conflict.create({ data: { ...conflict, toolAId: b.id, toolBId: a.id } })).rejects.toThrow(/Conflict_toolAId_lt_toolBId_check/);
  });

  it('keeps a tool in its server environment (composite foreign key)', async () => {
    const first = await seedTwoTools();
    const other = await seedTwoTools();
    await expect(
      prisma.tool.create({ data: { serverId: first.server.id, environmentId: other.env.id, name: 'stray' } }),
    ).rejects.toMatchObject({ code: 'P2003' });
  });

  it('numbers audit entries per organisation, without duplicates', async () => {
    const { org } = await seedTwoTools();
    const entry = { organisationId: org.id, actorType: 'SYSTEM' as const, action: 'tool.created', resourceType: 'tool', outcome: 'SUCCESS' as const, hash: 'b'.repeat(64) };
    await prisma.auditEntry.create({ data: { ...entry, seq: 1n, sourceIp: '10.0.0.1' } });
    await expect(prisma.auditEntry.create({ data: { ...entry, seq: 1n } })).rejects.toMatchObject({ code: 'P2002' });
    const [saved] = await prisma.auditEntry.findMany({ where: { organisationId: org.id } });
    expect(saved).toMatchObject({ seq: 1n, sourceIp: '10.0.0.1', details: {}, prevHash: null });
  });
});
