import { spawn } from 'node:child_process';
import path from 'node:path';
import { createTempDatabase, type TempDatabase } from '../admin/temp-database';
import { fixtureMigrations, migrationRows, query, REPO_ROOT, testServerUrl } from './migration-fixtures.testing';
import { runMigrations } from './migration-runner';

// The first migration sleeps while holding its transaction open, so the runners certainly overlap. Without
// the lock a second runner would try to create the same table and fail (and record a duplicate row).
const MIGRATIONS = {
  '20260101000000_slow': 'CREATE TABLE "A" (id int);\nSELECT pg_sleep(0.4);\n',
  '20260101000001_second': 'CREATE TABLE "B" (id int);\nINSERT INTO "B" VALUES (1);\n',
};

function runCli(dir: string, databaseUrl: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'prisma', 'migrate.js'), '--dir', dir], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('concurrent migration runners', () => {
  let fixture: ReturnType<typeof fixtureMigrations>;
  const databases: TempDatabase[] = [];
  beforeAll(() => {
    fixture = fixtureMigrations(MIGRATIONS);
  });
  afterAll(async () => {
    fixture.remove();
    await Promise.all(databases.map((d) => d.drop()));
  });
  async function freshDatabase(): Promise<TempDatabase> {
    const db = await createTempDatabase(testServerUrl(), 'toolgate_spec');
    databases.push(db);
    return db;
  }

  it('apply each migration exactly once when three start together', async () => {
    const db = await freshDatabase();
    const results = await Promise.all([1, 2, 3].map(() => runMigrations({ databaseUrl: db.url, migrationsDir: fixture.dir })));

    const appliedCounts = results.map((r) => r.applied.length).sort();
    expect(appliedCounts).toEqual([0, 0, 2]);
    expect((await migrationRows(db.url)).map((r) => r.migration_name)).toEqual(Object.keys(MIGRATIONS));
    expect(await query(db.url, 'SELECT id FROM "B"')).toEqual([{ id: 1 }]);
  });

  it('are safe as separate processes too', async () => {
    const db = await freshDatabase();
    const [a, b] = await Promise.all([runCli(fixture.dir, db.url), runCli(fixture.dir, db.url)]);

    expect([a.code, b.code]).toEqual([0, 0]);
    expect([a.out, b.out].filter((o) => o.includes('No pending migrations.'))).toHaveLength(1);
    expect(await migrationRows(db.url)).toHaveLength(2);
  });
});
