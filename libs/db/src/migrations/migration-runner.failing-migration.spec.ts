import { createTempDatabase, type TempDatabase } from '../admin/temp-database';
import { fixtureMigrations, migrationRows, query, testServerUrl } from './migration-fixtures.testing';
import { runMigrations } from './migration-runner';

describe('runMigrations when a migration fails', () => {
  let db: TempDatabase;
  let fixture: ReturnType<typeof fixtureMigrations>;
  beforeAll(async () => {
    db = await createTempDatabase(testServerUrl(), 'toolgate_spec');
    fixture = fixtureMigrations({
      '20260101000000_ok': 'CREATE TABLE "Ok" (id int);\n',
      '20260101000001_broken': 'CREATE TABLE "Half" (id int);\nSELECT * FROM "DoesNotExist";\n',
    });
  });
  afterAll(async () => {
    fixture.remove();
    await db.drop();
  });

  it('keeps earlier migrations, rolls the failing one back entirely, and names it', async () => {
    await expect(runMigrations({ databaseUrl: db.url, migrationsDir: fixture.dir })).rejects.toThrow(
      /Migration "20260101000001_broken" failed and was rolled back: relation "DoesNotExist" does not exist/,
    );
    expect((await migrationRows(db.url)).map((r) => r.migration_name)).toEqual(['20260101000000_ok']);
    const tables = await query<{ tablename: string }>(db.url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    expect(tables.map((t) => t.tablename)).toEqual(['Ok', '_prisma_migrations']);
  });
});
