import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createTempDatabase, type TempDatabase } from '../admin/temp-database';
import { migrationRows, query, REAL_MIGRATIONS_DIR, testServerUrl } from './migration-fixtures.testing';
import { runMigrations } from './migration-runner';

describe('runMigrations on an empty database', () => {
  let db: TempDatabase;
  beforeAll(async () => {
    db = await createTempDatabase(testServerUrl(), 'toolgate_spec');
  });
  afterAll(() => db.drop());

  const onDisk = readdirSync(REAL_MIGRATIONS_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

  it('applies every migration and records it as Prisma does', async () => {
    const lines: string[] = [];
    const result = await runMigrations({ databaseUrl: db.url, migrationsDir: REAL_MIGRATIONS_DIR, log: (l) => lines.push(l) });

    expect(result).toEqual({ applied: onDisk, alreadyApplied: 0 });
    expect(lines).toContain(`Applying ${onDisk[0]}...`);
    const rows = await migrationRows(db.url);
    expect(rows.map((r) => r.migration_name)).toEqual(onDisk);
    for (const row of rows) {
      const sql = readFileSync(path.join(REAL_MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toEqual(createHash('sha256').update(sql).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    const tables = await query<{ tablename: string }>(db.url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    expect(tables.map((t) => t.tablename)).toEqual(expect.arrayContaining(['Organisation', 'ToolVersion', 'Conflict', 'EmbeddingCache']));
  });

  it('does nothing on a second run', async () => {
    const before = await migrationRows(db.url);
    const lines: string[] = [];
    const result = await runMigrations({ databaseUrl: db.url, migrationsDir: REAL_MIGRATIONS_DIR, log: (l) => lines.push(l) });

    expect(result).toEqual({ applied: [], alreadyApplied: onDisk.length });
    expect(lines).toContain('No pending migrations.');
    expect(await migrationRows(db.url)).toEqual(before);
  });
});
