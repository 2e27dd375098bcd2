import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTempDatabase, type TempDatabase } from '../admin/temp-database';
import { fixtureMigrations, migrationRows, REPO_ROOT, testServerUrl } from './migration-fixtures.testing';
import { runMigrations } from './migration-runner';
import { MigrationModifiedError } from './migration.errors';

describe('runMigrations when an applied migration file changed', () => {
  let db: TempDatabase;
  let fixture: ReturnType<typeof fixtureMigrations>;
  let first: string;
  beforeAll(async () => {
    db = await createTempDatabase(testServerUrl(), 'toolgate_spec');
    fixture = fixtureMigrations('copy-real');
    first = readdirSync(fixture.dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()[0]!;
    await runMigrations({ databaseUrl: db.url, migrationsDir: fixture.dir });
  });
  afterAll(async () => {
    fixture.remove();
    await db.drop();
  });

  it('accepts the same file with CRLF line endings, as Prisma does', async () => {
    const file = path.join(fixture.dir, first, 'migration.sql');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace(/\n/g, '\r\n'));
    try {
      await expect(runMigrations({ databaseUrl: db.url, migrationsDir: fixture.dir })).resolves.toMatchObject({ applied: [] });
    } finally {
      writeFileSync(file, original);
    }
  });

  it('refuses to run, naming the migration, and records nothing', async () => {
    appendFileSync(path.join(fixture.dir, first, 'migration.sql'), '\nCREATE TABLE "Sneaky" (id int);\n');
    const rowsBefore = await migrationRows(db.url);

    const run = runMigrations({ databaseUrl: db.url, migrationsDir: fixture.dir });
    await expect(run).rejects.toBeInstanceOf(MigrationModifiedError);
    await expect(run).rejects.toMatchObject({ migrationName: first, code: 'DB.MIGRATION_MODIFIED' });
    expect(await migrationRows(db.url)).toEqual(rowsBefore);
  });

  it('makes `npm run db:migrate` exit non-zero with a message naming the migration', () => {
    const cli = spawnSync(process.execPath, [path.join(REPO_ROOT, 'prisma', 'migrate.js'), '--dir', fixture.dir], {
      env: { ...process.env, DATABASE_URL: db.url },
      encoding: 'utf8',
    });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain(`Migration "${first}" was modified after it was applied`);
  });
});
