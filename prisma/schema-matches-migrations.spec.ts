/**
 * The migrations and schema.prisma must describe the same database. Fails when someone edits
 * schema.prisma without adding a migration (`node prisma/diff.js <name>`), or edits a migration so that it
 * no longer matches the schema.
 */
import { Client } from 'pg';
import { createTempDatabase, runMigrations, type TempDatabase } from '@toolgate/db';
import { readCatalog } from './tooling/catalog';
import { MIGRATIONS_DIR, prisma6Diff } from './tooling/prisma6-diff';

const serverUrl = process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/test';

async function execute(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('prisma/migrations and schema.prisma', () => {
  const databases: TempDatabase[] = [];
  const temp = async (): Promise<TempDatabase> => {
    const db = await createTempDatabase(serverUrl, 'toolgate_schema_spec');
    databases.push(db);
    return db;
  };
  afterAll(() => Promise.all(databases.map((d) => d.drop())));

  it('produce the same catalog: tables, columns, types, nullability, defaults, indexes, keys, enums', async () => {
    const [fromSchema, fromMigrations, scratch] = await Promise.all([temp(), temp(), temp()]);
    const expected = prisma6Diff({ from: 'empty', scratchDatabaseUrl: scratch.url });
    expect(expected.empty).toBe(false);
    await execute(fromSchema.url, expected.sql);
    await runMigrations({ databaseUrl: fromMigrations.url, migrationsDir: MIGRATIONS_DIR });

    const want = await readCatalog(fromSchema.url);
    const got = await readCatalog(fromMigrations.url, ['_prisma_migrations']);
    expect(got.tables.length).toBeGreaterThanOrEqual(15);
    // One assertion per part, so a failure shows exactly which lines differ.
    expect(got.enums).toEqual(want.enums);
    expect(got.tables).toEqual(want.tables);
    expect(got.columns).toEqual(want.columns);
    expect(got.indexes).toEqual(want.indexes);
    expect(got.constraints).toEqual(want.constraints);
  });

  it('leave nothing for Prisma to diff (what `node prisma/diff.js` would write is empty)', async () => {
    const scratch = await temp();
    const diff = prisma6Diff({ from: { migrationsDir: MIGRATIONS_DIR }, scratchDatabaseUrl: scratch.url });
    expect(diff.sql.trim()).toBe('-- This is an empty migration.');
  });

  it('enforce the ordered tool pair of a conflict (hand-written CHECK constraint)', async () => {
    const db = await temp();
    await runMigrations({ databaseUrl: db.url, migrationsDir: MIGRATIONS_DIR });
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ def: string }>(
        `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'Conflict_toolAId_lt_toolBId_check'`,
      );
      expect(rows).toEqual([{ def: 'CHECK (("toolAId" < "toolBId"))' }]);
    } finally {
      await client.end();
    }
  });
});
